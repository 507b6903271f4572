package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import io.llmops.testing.FakeOpenAiServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.llmops.it.Api.object;
import static io.llmops.testing.FakeOpenAiServer.Reply.stream;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An app with a knowledge base: the model calls knowledge_search, the observation carries the
 * matching segment, and message_end names it in retriever_resources. Config ids are checked per workspace.
 */
class AgentRetrievalIT extends FakeModelAppIT {

    private static final String ESPRESSO = "Espresso is brewed by forcing hot water through finely ground coffee beans.";
    private static final String TURTLES = "Sea turtles migrate thousands of kilometres to lay their eggs on beaches.";

    @BeforeEach
    void appWithModel() {
        newAppWithModel("Knowledge bot", "{\"model_config\":{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\"},"
                + "\"preset_prompt\":\"You are a test bot.\",\"dialog_round\":1}");
    }

    private String dataset(Session owner, String name, String... segments) {
        Reply created = api.post("/api/datasets", owner.accessToken(), object("name", name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        String doc = api.get("/api/datasets/" + id + "/documents", owner.accessToken()).json().path("items").get(0)
                .path("id").asText();
        for (String content : segments) {
            Reply added = api.post("/api/datasets/" + id + "/documents/" + doc + "/segments", owner.accessToken(),
                    object("content", content));
            assertThat(added.status()).as(added.body()).isEqualTo(201);
        }
        return id;
    }

    private Reply attach(String datasetId) {
        return api.patch("/api/apps/" + appId + "/draft-config", session.accessToken(), "{\"datasets\":[\"" + datasetId
                + "\"],\"retrieval_config\":{\"retrieval_strategy\":\"full_text\",\"k\":1,\"score\":0}}");
    }

    @Test
    void theModelSearchesTheKnowledgeAndTheTurnNamesWhatItUsed() {
        String ds = dataset(session, "Coffee handbook", TURTLES, ESPRESSO);
        Reply attached = attach(ds);
        assertThat(attached.status()).as(attached.body()).isEqualTo(200);
        fake.enqueue(FakeOpenAiServer.Reply.toolCall("knowledge_search", "{\"query\":\"how is espresso brewed\"}"),
                stream("With hot water ", "under pressure."));

        List<JsonNode> events = chat("How is espresso made?");

        JsonNode thought = events.stream().filter(e -> e.path("event").asText().equals("agent_thought")
                        && !e.path("observation").asText().isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("no observation in " + events));
        assertThat(thought.path("tool").asText()).isEqualTo("knowledge_search");
        assertThat(thought.path("observation").asText()).startsWith("[1] Manual segments").contains(ESPRESSO)
                .doesNotContain(TURTLES);
        JsonNode end = events.get(events.size() - 1);
        assertThat(end.path("event").asText()).as(events.toString()).isEqualTo("message_end");
        JsonNode resources = end.path("metadata").path("retriever_resources");
        assertThat(resources.size()).isEqualTo(1);
        assertThat(resources.get(0).path("dataset_id").asText()).isEqualTo(ds);
        assertThat(resources.get(0).path("dataset_name").asText()).isEqualTo("Coffee handbook");
        assertThat(resources.get(0).path("document_name").asText()).isEqualTo("Manual segments");
        JsonNode stored = api.get("/api/datasets/" + ds + "/documents/" + resources.get(0).path("document_id").asText()
                + "/segments?search=espresso", session.accessToken()).json().path("items").get(0);
        assertThat(resources.get(0).path("segment_id").asText()).isEqualTo(stored.path("id").asText());
        assertThat(resources.get(0).path("position").asInt()).isEqualTo(stored.path("position").asInt());
        assertThat(resources.get(0).path("content").asText()).isEqualTo(ESPRESSO);
        assertThat(resources.get(0).path("score").asDouble()).isPositive();
        // the model read the segment as the tool's result
        JsonNode messages = fake.lastRequest().json().path("messages");
        assertThat(messages.get(messages.size() - 1).path("content").asText()).contains(ESPRESSO);
    }

    @Test
    void blockingModeAnswersTheSameMetadata() {
        String ds = dataset(session, "Coffee notes", TURTLES, ESPRESSO);
        assertThat(attach(ds).status()).isEqualTo(200);
        fake.enqueue(FakeOpenAiServer.Reply.toolCall("knowledge_search", "{\"query\":\"sea turtles\"}"), stream("Beaches."));
        Reply reply = api.post("/api/apps/" + appId + "/conversations", session.accessToken(),
                object("query", "Where do turtles lay eggs?", "response_mode", "blocking"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode resource = reply.json().path("metadata").path("retriever_resources").get(0);
        assertThat(resource.path("content").asText()).isEqualTo(TURTLES);
        assertThat(resource.path("dataset_name").asText()).isEqualTo("Coffee notes");
    }

    @Test
    void aTurnWithoutSearchListsNoResources() {
        assertThat(attach(dataset(session, "Unused", ESPRESSO)).status()).isEqualTo(200);
        fake.enqueue(stream("Hello."));
        List<JsonNode> events = chat("Hi");
        JsonNode end = events.get(events.size() - 1);
        assertThat(end.path("metadata").path("retriever_resources").size()).isZero();
        assertThat(fake.lastRequest().json().path("tools").toString()).contains("knowledge_search");
    }

    @Test
    void onlyLiveDatasetsOfTheAppsWorkspaceMayBeAttached() {
        Session other = api.register();
        String foreign = dataset(other, "Not yours", ESPRESSO);
        for (String id : List.of(foreign, UUID.randomUUID().toString(), "not-a-uuid")) {
            Reply refused = attach(id);
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("datasets[0]");
        }
        String mine = dataset(session, "Deleted soon", ESPRESSO);
        assertThat(api.delete("/api/datasets/" + mine, session.accessToken()).status()).isEqualTo(204);
        assertThat(attach(mine).status()).isEqualTo(400);
    }
}
