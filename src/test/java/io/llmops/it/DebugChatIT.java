package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import io.llmops.testing.FakeOpenAiServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static io.llmops.it.Api.object;
import static io.llmops.testing.FakeOpenAiServer.Reply.answer;
import static io.llmops.testing.FakeOpenAiServer.Reply.error;
import static io.llmops.testing.FakeOpenAiServer.Reply.stream;
import static io.llmops.testing.FakeOpenAiServer.Reply.tokens;
import static org.assertj.core.api.Assertions.assertThat;

/** The builder's debug chat over HTTP against a fake OpenAI-compatible model on loopback. */
class DebugChatIT extends FakeModelAppIT {


    @BeforeEach
    void appWithModel() {
        newAppWithModel("Debug bot",
                "{\"model_config\":{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\",\"parameters\":{\"temperature\":0.3}},"
                + "\"preset_prompt\":\"You are a test bot.\",\"dialog_round\":1}");
    }

    private void configure(String patch) {
        Reply reply = api.patch("/api/apps/" + appId + "/draft-config", session.accessToken(), patch);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void streamedAnswerArrivesAsDifyEventsAndIsSaved() {
        fake.enqueue(stream("Hel", "lo ", "there").usage(12, 3));

        List<JsonNode> events = chat("hi");

        assertThat(events).extracting(e -> e.path("event").asText()).containsExactly("message", "message", "message", "message_end");
        assertThat(answerOf(events)).isEqualTo("Hello there");
        JsonNode end = events.getLast();
        assertThat(end.path("conversation_id").asText()).isNotBlank();
        assertThat(end.path("task_id").asText()).isNotBlank();
        assertThat(end.at("/metadata/usage/prompt_tokens").asInt()).isEqualTo(12);
        assertThat(end.at("/metadata/usage/total_tokens").asInt()).isEqualTo(15);
        assertThat(end.at("/metadata/usage/currency").asText()).isEqualTo("USD");
        assertThat(end.at("/metadata/retriever_resources").isArray()).isTrue();

        JsonNode sent = fake.lastRequest().json();
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("You are a test bot.");
        assertThat(sent.path("messages").get(1).path("content").asText()).isEqualTo("hi");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.3);

        JsonNode saved = lastMessage();
        assertThat(saved.path("answer").asText()).isEqualTo("Hello there");
        assertThat(saved.path("status").asText()).isEqualTo("normal");
        assertThat(saved.at("/usage/completion_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void builtInToolCallIsRunStreamedAsAThoughtAndFedBackToTheModel() {
        configure("{\"tools\":[{\"type\":\"builtin\",\"provider\":\"time\",\"tool\":\"current_time\"}]}");
        fake.enqueue(FakeOpenAiServer.Reply.toolCall("current_time", "{\"timezone\":\"Asia/Shanghai\"}"),
                stream("It is ", "late in Shanghai."));

        List<JsonNode> events = chat("What time is it in Shanghai?");

        assertThat(events).extracting(e -> e.path("event").asText())
                .containsSubsequence("agent_thought", "message", "message_end");
        JsonNode thought = events.stream().filter(e -> e.path("event").asText().equals("agent_thought")).findFirst().orElseThrow();
        assertThat(thought.path("tool").asText()).isEqualTo("current_time");
        assertThat(thought.path("tool_input").asText()).contains("Asia/Shanghai");
        assertThat(thought.path("observation").asText()).endsWith("(Asia/Shanghai)");
        assertThat(answerOf(events)).isEqualTo("It is late in Shanghai.");

        JsonNode firstCall = fake.chatRequests().get(fake.chatRequests().size() - 2).json();
        assertThat(firstCall.path("tools").get(0).at("/function/name").asText()).isEqualTo("current_time");
        JsonNode toolResult = fake.lastRequest().json().path("messages").get(fake.lastRequest().json().path("messages").size() - 1);
        assertThat(toolResult.path("role").asText()).isEqualTo("tool");
        assertThat(toolResult.path("content").asText()).endsWith("(Asia/Shanghai)");

        JsonNode saved = lastMessage();
        assertThat(saved.path("agent_thoughts").get(0).path("tool").asText()).isEqualTo("current_time");
        assertThat(saved.path("answer").asText()).isEqualTo("It is late in Shanghai.");
    }

    @Test
    void eventsLeaveTheServerAsSoonAsTheModelSendsThem() {
        fake.enqueue(tokens(30).chunkDelayMillis(40));
        long started = System.nanoTime();
        long[] firstAt = {-1};
        long[] endAt = {-1};

        events(open("stream slowly"), event -> {
            long now = (System.nanoTime() - started) / 1_000_000;
            if (firstAt[0] < 0 && event.path("event").asText().equals("message")) {
                firstAt[0] = now;
            }
            if (event.path("event").asText().equals("message_end")) {
                endAt[0] = now;
            }
            return false;
        });

        // 30 tokens 40 ms apart: the first must not wait in a buffer for the last ones
        assertThat(endAt[0] - firstAt[0]).isGreaterThan(800);
    }

    @Test
    void newCredentialsTakeEffectOnTheNextTurn() {
        fake.enqueue(stream("with the right key"));
        assertThat(answerOf(chat("first"))).isEqualTo("with the right key");
        assertThat(api.put("/api/model-providers/openai/credentials", session.accessToken(),
                object("api_key", "sk-revoked-key-0000", "base_url", fake.baseUrl())).status()).isEqualTo(200);

        List<JsonNode> events = chat("second");

        assertThat(events.getLast().path("event").asText()).isEqualTo("error");
        assertThat(fake.lastRequest().header("authorization")).isEqualTo("Bearer sk-revoked-key-0000");
    }

    @Test
    void blockingModeAnswersOneDocument() {
        fake.enqueue(answer("All at once."));

        Reply reply = api.post("/api/apps/" + appId + "/conversations", session.accessToken(),
                object("query", "hi", "response_mode", "blocking"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("answer").asText()).isEqualTo("All at once.");
        assertThat(reply.json().path("message_id").asText()).isNotBlank();
        assertThat(reply.json().at("/metadata/usage/total_tokens").asInt()).isPositive();
    }

    @Test
    void anAnswerThatCannotBeSavedEndsWithAnErrorNotSilence() throws Exception {
        fake.enqueue(stream("lost", " answer"), answer("lost too"));
        try (Connection db = Ingestion.db(); Statement sql = db.createStatement()) {
            // the database refuses this turn's outcome (and only it): both tries of the UPDATE fail
            sql.execute("create or replace function llmops_it_refuse_outcome() returns trigger language plpgsql "
                    + "as $$ begin raise exception 'disk full (test)'; end $$");
            sql.execute("create trigger llmops_it_refuse_outcome before update on message for each row "
                    + "when (old.query = 'unsavable question') execute function llmops_it_refuse_outcome()");
            try {
                List<JsonNode> events = chat("unsavable question");
                Reply blocking = api.post("/api/apps/" + appId + "/conversations", session.accessToken(),
                        object("query", "unsavable question", "response_mode", "blocking"));

                assertThat(answerOf(events)).isEqualTo("lost answer");
                assertThat(events.getLast().path("event").asText()).isEqualTo("error");
                assertThat(events.getLast().path("code").asText()).isEqualTo("answer_not_saved");
                assertThat(blocking.status()).isEqualTo(503);
                assertThat(blocking.code()).isEqualTo("answer_not_saved");
            } finally {
                sql.execute("drop trigger if exists llmops_it_refuse_outcome on message");
                sql.execute("drop function if exists llmops_it_refuse_outcome()");
            }
        }
    }

    @Test
    void memoryKeepsOnlyTheConfiguredRounds() {
        fake.enqueue(stream("one"), stream("two"), stream("three"));
        chat("first question");
        chat("second question");
        chat("third question");

        JsonNode messages = fake.lastRequest().json().path("messages");
        List<String> contents = new ArrayList<>();
        messages.forEach(m -> contents.add(m.path("content").asText()));
        assertThat(contents).containsExactly("You are a test bot.", "second question", "two", "third question");
    }

    @Test
    void stopMidStreamEndsWithMessageEndAndSavesThePartialAnswer() {
        fake.enqueue(tokens(200).chunkDelayMillis(50));
        Api other = new Api();
        List<JsonNode> events = events(open("count slowly"), event -> {
            if (event.path("event").asText().equals("message") && event.path("answer").asText().startsWith("t2 ")) {
                Reply stop = other.post("/api/apps/" + appId + "/conversations/tasks/" + event.path("task_id").asText()
                        + "/stop", session.accessToken(), "{}");
                assertThat(stop.status()).isEqualTo(200);
            }
            return false;
        });

        assertThat(events.getLast().path("event").asText()).isEqualTo("message_end");
        String partial = answerOf(events);
        assertThat(partial).startsWith("t0 t1 t2 ").doesNotContain("t199");
        JsonNode saved = lastMessage();
        assertThat(saved.path("status").asText()).isEqualTo("stop");
        assertThat(saved.path("answer").asText()).isEqualTo(partial);
    }

    @Test
    void modelErrorIsAnErrorEventAndASavedFailedMessage() {
        fake.enqueue(error(400, "This model's maximum context length is 10 tokens"));

        List<JsonNode> events = chat("hi");

        JsonNode last = events.getLast();
        assertThat(last.path("event").asText()).isEqualTo("error");
        assertThat(last.path("code").asText()).isEqualTo("model_error");
        assertThat(last.path("message").asText()).contains("maximum context length");
        JsonNode saved = lastMessage();
        assertThat(saved.path("status").asText()).isEqualTo("error");
        assertThat(saved.path("error").asText()).contains("maximum context length");
    }

    @Test
    void outputKeywordsAreMaskedInTheStreamAndTheHistory() {
        configure("{\"review_config\":{\"enable\":true,\"keywords\":[\"secret\"],\"outputs_config\":{\"enable\":true}}}");
        fake.enqueue(stream("the sec", "ret plan"));

        List<JsonNode> events = chat("tell me");

        assertThat(answerOf(events)).isEqualTo("the ****** plan");
        assertThat(lastMessage().path("answer").asText()).isEqualTo("the ****** plan");
    }

    @Test
    void inputKeywordsAnswerThePresetWithoutCallingTheModel() {
        configure("{\"review_config\":{\"enable\":true,\"keywords\":[\"forbidden\"],"
                + "\"inputs_config\":{\"enable\":true,\"preset_response\":\"I cannot help with that.\"}}}");
        int before = fake.chatRequests().size();

        List<JsonNode> events = chat("something FORBIDDEN");

        assertThat(answerOf(events)).isEqualTo("I cannot help with that.");
        assertThat(fake.chatRequests()).hasSize(before);
    }

    @Test
    void resetStartsAFreshConversation() {
        fake.enqueue(stream("one"));
        chat("first");
        assertThat(api.delete("/api/apps/" + appId + "/conversations", session.accessToken()).status()).isEqualTo(204);

        Reply history = api.get("/api/apps/" + appId + "/conversations/messages", session.accessToken());
        assertThat(history.json().path("total").asInt()).isZero();
    }

    @Test
    void appWithoutModelIsRefusedBeforeStreaming() {
        String bare = api.post("/api/apps", session.accessToken(), object("name", "Bare")).json().path("id").asText();

        Reply reply = api.post("/api/apps/" + bare + "/conversations", session.accessToken(), object("query", "hi"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("app_not_configured");
    }

    @Test
    void anotherWorkspaceCannotChatReadOrStop() {
        fake.enqueue(stream("mine"));
        String taskId = chat("mine").getLast().path("task_id").asText();
        Session intruder = api.register();

        ObjectNode query = object("query", "hi");
        assertThat(api.post("/api/apps/" + appId + "/conversations", intruder.accessToken(), query).status()).isEqualTo(404);
        assertThat(api.get("/api/apps/" + appId + "/conversations/messages", intruder.accessToken()).status()).isEqualTo(404);
        assertThat(api.post("/api/apps/" + appId + "/conversations/tasks/" + taskId + "/stop", intruder.accessToken(), "{}")
                .status()).isEqualTo(404);
    }

    @Test
    void emptyQueryIsAValidationError() {
        Reply reply = api.post("/api/apps/" + appId + "/conversations", session.accessToken(), object("query", " "));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("query");
    }
}
