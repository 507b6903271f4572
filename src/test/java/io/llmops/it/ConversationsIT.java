package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.llmops.it.Api.object;
import static io.llmops.testing.FakeOpenAiServer.Reply.stream;
import static org.assertj.core.api.Assertions.assertThat;

/** Renaming, pinning and deleting conversations and messages over HTTP, against a fake model. */
class ConversationsIT extends FakeModelAppIT {


    @BeforeEach
    void appWithModel() {
        newAppWithModel("Chat bot",
                "{\"model_config\":{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\"},"
                        + "\"preset_prompt\":\"You are a test bot.\",\"dialog_round\":5}");
    }

    private JsonNode turn(String query, String answer) {
        fake.enqueue(stream(answer));
        Reply reply = api.post("/api/apps/" + appId + "/conversations", session.accessToken(),
                object("query", query, "response_mode", "blocking"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode history() {
        Reply reply = api.get("/api/apps/" + appId + "/conversations/messages", session.accessToken());
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().path("items");
    }

    private JsonNode conversation(String id) {
        Reply reply = api.get("/api/conversations/" + id, session.accessToken());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> contentsSent() {
        List<String> contents = new ArrayList<>();
        fake.lastRequest().json().path("messages").forEach(m -> contents.add(m.path("content").asText()));
        return contents;
    }

    @Test
    void firstTurnNamesTheConversationFromItsQuery() {
        String query = "Plan a three-day trip to Lisbon with two kids and a dog";
        String conversationId = turn(query, "Sure.").path("conversation_id").asText();

        assertThat(conversation(conversationId).path("name").asText()).isEqualTo(query.substring(0, 40).strip() + "…");
        assertThat(history().get(0).path("conversation_name").asText()).isEqualTo(query.substring(0, 40).strip() + "…");

        turn("And what about the weather?", "Sunny.");
        assertThat(conversation(conversationId).path("name").asText()).startsWith("Plan a three-day trip");
    }

    @Test
    void shortFirstQueryIsTheWholeName() {
        String conversationId = turn("  Hello\n  there  ", "Hi.").path("conversation_id").asText();

        JsonNode shown = conversation(conversationId);
        assertThat(shown.path("name").asText()).isEqualTo("Hello there");
        assertThat(shown.path("pinned").asBoolean()).isFalse();
        assertThat(shown.path("app_id").asText()).isEqualTo(appId);
        assertThat(shown.path("invoke_from").asText()).isEqualTo("debugger");
    }

    @Test
    void renameAndPinAreVisibleAndFieldsLeftOutStay() {
        String conversationId = turn("hi", "Hello.").path("conversation_id").asText();

        Reply renamed = api.patch("/api/conversations/" + conversationId, session.accessToken(),
                "{\"name\":\"  Lisbon trip  \",\"is_pinned\":true}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("name").asText()).isEqualTo("Lisbon trip");
        assertThat(renamed.json().path("pinned").asBoolean()).isTrue();

        Reply unpinned = api.patch("/api/conversations/" + conversationId, session.accessToken(), "{\"is_pinned\":false}");
        assertThat(unpinned.status()).isEqualTo(200);
        JsonNode shown = conversation(conversationId);
        assertThat(shown.path("name").asText()).isEqualTo("Lisbon trip");
        assertThat(shown.path("pinned").asBoolean()).isFalse();
        assertThat(history().get(0).path("conversation_name").asText()).isEqualTo("Lisbon trip");

        turn("more", "More.");
        assertThat(conversation(conversationId).path("name").asText()).as("a name the user gave stays").isEqualTo("Lisbon trip");
    }

    @Test
    void renameRefusesBlankAndTooLongNames() {
        String conversationId = turn("hi", "Hello.").path("conversation_id").asText();

        Reply blank = api.patch("/api/conversations/" + conversationId, session.accessToken(), object("name", "   "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.code()).isEqualTo("validation_failed");
        assertThat(blank.json().path("errors").findValuesAsText("field")).containsExactly("name");

        Reply tooLong = api.patch("/api/conversations/" + conversationId, session.accessToken(), object("name", "n".repeat(256)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("errors").findValuesAsText("field")).containsExactly("name");

        assertThat(api.patch("/api/conversations/" + conversationId, session.accessToken(), object("name", "n".repeat(255)))
                .status()).isEqualTo(200);
        assertThat(conversation(conversationId).path("name").asText()).hasSize(255);
    }

    @Test
    void deletedConversationLeavesHistoryAndTheNextTurnStartsAFreshOne() {
        String conversationId = turn("remember the word banana", "Noted.").path("conversation_id").asText();

        assertThat(api.delete("/api/conversations/" + conversationId, session.accessToken()).status()).isEqualTo(204);

        assertThat(history()).isEmpty();
        assertThat(api.get("/api/conversations/" + conversationId, session.accessToken()).status()).isEqualTo(404);
        Reply again = api.delete("/api/conversations/" + conversationId, session.accessToken());
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.code()).isEqualTo("not_found");

        JsonNode next = turn("what word?", "Which word?");
        assertThat(next.path("conversation_id").asText()).isNotEqualTo(conversationId);
        assertThat(contentsSent()).containsExactly("You are a test bot.", "what word?");
        Reply continueDeleted = api.post("/api/apps/" + appId + "/conversations", session.accessToken(),
                object("query", "hi", "response_mode", "blocking", "conversation_id", conversationId));
        assertThat(continueDeleted.status()).isEqualTo(404);
    }

    @Test
    void deletedMessageLeavesHistoryAndTheModelsMemory() {
        String firstId = turn("my secret is 42", "Noted.").path("message_id").asText();
        turn("my colour is blue", "Nice.");

        assertThat(api.delete("/api/messages/" + firstId, session.accessToken()).status()).isEqualTo(204);

        JsonNode items = history();
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("query").asText()).isEqualTo("my colour is blue");

        turn("what do you know?", "Blue.");
        assertThat(contentsSent()).containsExactly("You are a test bot.", "my colour is blue", "Nice.", "what do you know?");

        assertThat(api.delete("/api/messages/" + firstId, session.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void anotherWorkspaceGetsNotFoundOnEveryConversationEndpoint() {
        JsonNode mine = turn("hi", "Hello.");
        String conversationId = mine.path("conversation_id").asText();
        String messageId = mine.path("message_id").asText();
        String stranger = api.register().accessToken();

        assertThat(api.get("/api/conversations/" + conversationId, stranger).status()).isEqualTo(404);
        assertThat(api.patch("/api/conversations/" + conversationId, stranger, object("name", "mine now")).status()).isEqualTo(404);
        assertThat(api.patch("/api/conversations/" + conversationId, stranger, "{\"is_pinned\":true}").status()).isEqualTo(404);
        assertThat(api.delete("/api/conversations/" + conversationId, stranger).status()).isEqualTo(404);
        assertThat(api.delete("/api/messages/" + messageId, stranger).status()).isEqualTo(404);

        JsonNode shown = conversation(conversationId);
        assertThat(shown.path("name").asText()).isEqualTo("hi");
        assertThat(shown.path("pinned").asBoolean()).isFalse();
        assertThat(history()).hasSize(1);
    }

    @Test
    void unknownOrMalformedIdsAndMissingTokenAreRefused() {
        String unknown = "00000000-0000-0000-0000-000000000000";
        assertThat(api.get("/api/conversations/" + unknown, session.accessToken()).status()).isEqualTo(404);
        assertThat(api.delete("/api/conversations/not-a-uuid", session.accessToken()).status()).isEqualTo(404);
        assertThat(api.delete("/api/messages/" + unknown, session.accessToken()).status()).isEqualTo(404);
        assertThat(api.delete("/api/messages/" + unknown, null).status()).isEqualTo(401);
        assertThat(api.patch("/api/conversations/" + unknown, null, object("name", "x")).status()).isEqualTo(401);
    }
}
