package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.llmops.it.Api.object;
import static io.llmops.testing.FakeOpenAiServer.Reply.answer;
import static io.llmops.testing.FakeOpenAiServer.Reply.error;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/messages/{id}/suggested-questions over HTTP against the fake model. */
class SuggestedQuestionsIT extends FakeModelAppIT {

    private String messageId;

    @BeforeEach
    void answeredMessage() {
        newAppWithModel("Suggesting bot",
                "{\"model_config\":{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\"},"
                + "\"suggested_after_answer\":{\"enable\":true}}");
        fake.enqueue(answer("Java is a programming language."));
        Reply turn = api.post("/api/apps/" + appId + "/conversations", session.accessToken(),
                object("query", "What is Java?", "response_mode", "blocking"));
        assertThat(turn.status()).as(turn.body()).isEqualTo(200);
        messageId = turn.json().path("message_id").asText();
    }

    private void configure(String patch) {
        Reply reply = api.patch("/api/apps/" + appId + "/draft-config", session.accessToken(), patch);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private Reply suggestions(String id, String token) {
        return api.get("/api/messages/" + id + "/suggested-questions", token);
    }

    @Test
    void threeQuestionsFromTheModelsJsonAnswer() {
        fake.enqueue(answer("[\"What is the JVM?\", \"Who created Java?\", \"Is Java free?\"]"));

        Reply reply = suggestions(messageId, session.accessToken());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("data")).extracting(JsonNode::asText)
                .containsExactly("What is the JVM?", "Who created Java?", "Is Java free?");
        JsonNode sent = fake.lastRequest().json();
        assertThat(sent.path("stream").asBoolean(false)).isFalse();
        String transcript = sent.path("messages").get(1).path("content").asText();
        assertThat(transcript).contains("What is Java?", "Java is a programming language.");
    }

    @Test
    void fencedAnswerInProseIsUnderstood() {
        fake.enqueue(answer("Sure! ```json\n[\"One?\", \"Two?\", \"Three?\", \"Four?\"]\n``` Enjoy."));

        Reply reply = suggestions(messageId, session.accessToken());

        assertThat(reply.json().path("data")).extracting(JsonNode::asText).containsExactly("One?", "Two?", "Three?");
    }

    @Test
    void garbageFromTheModelIsAnEmptyList() {
        fake.enqueue(answer("I would rather not suggest anything."));

        Reply reply = suggestions(messageId, session.accessToken());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("data").isArray()).isTrue();
        assertThat(reply.json().path("data")).isEmpty();
    }

    @Test
    void aModelErrorIsAnEmptyListToo() {
        fake.enqueue(error(400, "invalid request"));

        Reply reply = suggestions(messageId, session.accessToken());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("data")).isEmpty();
    }

    @Test
    void disabledSuggestionsAreRefused() {
        configure("{\"suggested_after_answer\":{\"enable\":false}}");
        int before = fake.chatRequests().size();

        Reply reply = suggestions(messageId, session.accessToken());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("suggested_questions_disabled");
        assertThat(fake.chatRequests()).hasSize(before);
    }

    @Test
    void anotherWorkspacesOrAnUnknownMessageIsNotFound() {
        Session intruder = api.register();

        assertThat(suggestions(messageId, intruder.accessToken()).status()).isEqualTo(404);
        assertThat(suggestions(UUID.randomUUID().toString(), session.accessToken()).status()).isEqualTo(404);
        assertThat(suggestions("not-a-uuid", session.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void aMessageOfAResetConversationIsNotFound() {
        assertThat(api.delete("/api/apps/" + appId + "/conversations", session.accessToken()).status()).isEqualTo(204);

        assertThat(suggestions(messageId, session.accessToken()).status()).isEqualTo(404);
    }
}
