package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Reply;
import io.llmops.testing.FakeOpenAiServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.llmops.it.Api.object;
import static io.llmops.testing.FakeOpenAiServer.Reply.stream;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A turn reads its inputs (draft config, credentials, conversation and memory) from the instance's memory
 * (TurnInputCache): every change made through the other instance must reach the next turn here, and turns
 * that alternate between instances must share one memory.
 */
@ExtendWith(SecondInstance.class)
class ChatAcrossInstancesIT extends FakeModelAppIT {

    /** Longer than Redis needs to deliver an invalidation; far shorter than any cache lifetime. */
    private static final long PROPAGATION_MILLIS = 200;

    private Api other;

    @BeforeEach
    void appWithModel() {
        newAppWithModel("Two instances",
                "{\"model_config\":{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\",\"parameters\":{}},"
                        + "\"preset_prompt\":\"First prompt.\",\"dialog_round\":2}");
        other = new Api(SecondInstance.url());
    }

    private List<JsonNode> chatOn(Api instance, String query) {
        return events(open(instance, query), e -> false);
    }

    private static String endEvent(List<JsonNode> events) {
        return events.getLast().path("event").asText();
    }

    private static List<String> contentsSentToTheModel() {
        List<String> contents = new ArrayList<>();
        fake.lastRequest().json().path("messages").forEach(m -> contents.add(m.path("content").asText()));
        return contents;
    }

    private static void letItPropagate() throws InterruptedException {
        Thread.sleep(PROPAGATION_MILLIS);
    }

    @Test
    void aStopSentToTheOtherInstanceEndsTheStreamHereWithThePartialAnswerSaved() {
        fake.enqueue(FakeOpenAiServer.Reply.tokens(200).chunkDelayMillis(50));
        List<JsonNode> events = events(open(api, "count slowly"), event -> {
            if (event.path("event").asText().equals("message") && event.path("answer").asText().startsWith("t2 ")) {
                Reply stop = other.post("/api/apps/" + appId + "/conversations/tasks/" + event.path("task_id").asText()
                        + "/stop", session.accessToken(), "{}");
                assertThat(stop.status()).isEqualTo(200);
            }
            return false;
        });

        assertThat(endEvent(events)).isEqualTo("message_end");
        String partial = answerOf(events);
        assertThat(partial).startsWith("t0 t1 t2 ").doesNotContain("t199");
        JsonNode saved = lastMessage();
        assertThat(saved.path("status").asText()).isEqualTo("stop");
        assertThat(saved.path("answer").asText()).isEqualTo(partial);
    }

    @Test
    void draftConfigEditedOnTheOtherInstanceIsUsedByTheNextTurnHere() throws InterruptedException {
        fake.enqueue(stream("one"), stream("two"));
        chatOn(api, "warm the cache");
        assertThat(contentsSentToTheModel().getFirst()).isEqualTo("First prompt.");

        Reply patched = other.patch("/api/apps/" + appId + "/draft-config", session.accessToken(),
                "{\"preset_prompt\":\"Second prompt.\"}");
        assertThat(patched.status()).isEqualTo(200);
        letItPropagate();
        chatOn(api, "again");

        assertThat(contentsSentToTheModel().getFirst()).isEqualTo("Second prompt.");
    }

    @Test
    void credentialsReplacedOnTheOtherInstanceAreUsedByTheNextTurnHere() throws InterruptedException {
        fake.enqueue(stream("with the right key"));
        assertThat(endEvent(chatOn(api, "first"))).isEqualTo("message_end");

        assertThat(other.put("/api/model-providers/openai/credentials", session.accessToken(),
                object("api_key", "sk-other-instance-key", "base_url", fake.baseUrl())).status()).isEqualTo(200);
        letItPropagate();

        assertThat(endEvent(chatOn(api, "second"))).isEqualTo("error");
        assertThat(fake.lastRequest().header("authorization")).isEqualTo("Bearer sk-other-instance-key");
    }

    @Test
    void turnsAlternatingBetweenInstancesShareOneMemory() {
        fake.enqueue(stream("answer one"), stream("answer two"), stream("answer three"));
        chatOn(api, "question one");
        chatOn(other, "question two");
        chatOn(api, "question three");

        assertThat(contentsSentToTheModel()).containsExactly("First prompt.", "question one", "answer one",
                "question two", "answer two", "question three");
    }

    @Test
    void aTurnWithAToolCallOnTheOtherInstanceIsSavedWholeAndReadableHere() {
        assertThat(other.patch("/api/apps/" + appId + "/draft-config", session.accessToken(),
                "{\"tools\":[{\"type\":\"builtin\",\"provider\":\"time\",\"tool\":\"current_time\"}]}").status())
                .isEqualTo(200);
        fake.enqueue(FakeOpenAiServer.Reply.toolCall("current_time", "{\"timezone\":\"UTC\"}"),
                stream("It is ", "now."));

        chatOn(other, "What time is it?");   // the second instance commits outcomes without waiting for the disk

        JsonNode saved = api.get("/api/apps/" + appId + "/conversations/messages", session.accessToken())
                .json().path("items").get(0);
        assertThat(saved.path("answer").asText()).isEqualTo("It is now.");
        assertThat(saved.path("status").asText()).isEqualTo("normal");
        assertThat(saved.path("agent_thoughts").get(0).path("tool").asText()).isEqualTo("current_time");
    }

    @Test
    void resetOnTheOtherInstanceStartsAFreshConversationHere() throws InterruptedException {
        fake.enqueue(stream("old answer"), stream("fresh answer"));
        String before = chatOn(api, "old question").getLast().path("conversation_id").asText();

        assertThat(other.delete("/api/apps/" + appId + "/conversations", session.accessToken()).status()).isEqualTo(204);
        letItPropagate();
        String after = chatOn(api, "new question").getLast().path("conversation_id").asText();

        assertThat(after).isNotEqualTo(before);
        assertThat(contentsSentToTheModel()).containsExactly("First prompt.", "new question");
    }

    @Test
    void messageDeletedOnTheOtherInstanceLeavesTheMemoryHere() throws InterruptedException {
        fake.enqueue(stream("kept answer"), stream("secret answer"), stream("third answer"));
        chatOn(api, "kept question");
        String secret = chatOn(api, "secret question").getLast().path("id").asText();

        assertThat(other.delete("/api/messages/" + secret, session.accessToken()).status()).isEqualTo(204);
        letItPropagate();
        chatOn(api, "third question");

        assertThat(contentsSentToTheModel()).containsExactly("First prompt.", "kept question", "kept answer",
                "third question");
    }

    @Test
    void appDeletedOnTheOtherInstanceCannotBeChattedWithHere() throws InterruptedException {
        fake.enqueue(stream("still here"));
        chatOn(api, "hello");

        assertThat(other.delete("/api/apps/" + appId, session.accessToken()).status()).isEqualTo(204);
        letItPropagate();
        Reply refused = api.post("/api/apps/" + appId + "/conversations", session.accessToken(), object("query", "hello?"));

        assertThat(refused.status()).isEqualTo(404);
    }
}
