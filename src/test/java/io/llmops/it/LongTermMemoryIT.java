package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Reply;
import io.llmops.testing.FakeOpenAiServer.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.llmops.testing.FakeOpenAiServer.Reply.answer;
import static io.llmops.testing.FakeOpenAiServer.Reply.error;
import static io.llmops.testing.FakeOpenAiServer.Reply.stream;
import static org.assertj.core.api.Assertions.assertThat;

/** Long-term memory over HTTP: the conversation summary written after a turn reaches the next turn's prompt. */
class LongTermMemoryIT extends FakeModelAppIT {

    private static final String PRESET = "You are a test bot.";

    @BeforeEach
    void appWithModel() {
        newAppWithModel("Memory bot",
                "{\"model_config\":{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\"},"
                + "\"preset_prompt\":\"" + PRESET + "\",\"dialog_round\":3}");
    }

    private void configure(String patch) {
        Reply reply = api.patch("/api/apps/" + appId + "/draft-config", session.accessToken(), patch);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    /** One streamed turn, read to its end; answers the events' names. */
    private List<String> eventNames(String query) {
        return chat(query).stream().map(event -> event.path("event").asText()).toList();
    }

    private static String systemPromptOf(RecordedRequest request) {
        return request.json().path("messages").get(0).path("content").asText();
    }

    private static String lastUserContentOf(RecordedRequest request) {
        JsonNode messages = request.json().path("messages");
        return messages.get(messages.size() - 1).path("content").asText();
    }

    /** Background summaries must be over before the next test scripts the fake. */
    private static void awaitChatRequests(int count) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (fake.chatRequests().size() < count && System.currentTimeMillis() < deadline) {
            sleep(50);
        }
        assertThat(fake.chatRequests()).hasSize(count);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void summaryOfTheLastTurnIsInTheNextTurnsSystemPrompt() {
        configure("{\"long_term_memory\":{\"enable\":true}}");
        fake.enqueue(stream("Rome is ", "lovely in May."), answer("Ann plans a trip to Rome in May."), stream("Pack light."),
                answer("Ann plans a trip to Rome in May and packs light."));

        assertThat(eventNames("I am Ann and I want to visit Rome")).last().isEqualTo("message_end");
        assertThat(eventNames("What should I pack?")).last().isEqualTo("message_end");
        awaitChatRequests(4);

        List<RecordedRequest> calls = fake.chatRequests();
        RecordedRequest summaryCall = calls.get(1);
        assertThat(summaryCall.json().path("stream").asBoolean(false)).as("the summary call is blocking").isFalse();
        assertThat(lastUserContentOf(summaryCall)).contains("I am Ann and I want to visit Rome", "Rome is lovely in May.");
        assertThat(systemPromptOf(calls.get(2)))
                .isEqualTo(PRESET + "\n\nSummary of the conversation so far:\nAnn plans a trip to Rome in May.");
        // the next summary merges the previous one with the newest round
        assertThat(lastUserContentOf(calls.get(3))).contains("Ann plans a trip to Rome in May.", "What should I pack?",
                "Pack light.");
    }

    @Test
    void withLongTermMemoryOffNoSummaryIsAskedFor() {
        fake.enqueue(stream("one"), stream("two"));

        eventNames("first");
        eventNames("second");
        sleep(500);

        List<RecordedRequest> calls = fake.chatRequests();
        assertThat(calls).hasSize(2);
        assertThat(calls).allSatisfy(call -> assertThat(call.json().path("stream").asBoolean()).isTrue());
        assertThat(systemPromptOf(calls.get(1))).isEqualTo(PRESET);
    }

    @Test
    void aFailedSummaryIsInvisibleToTheUser() {
        configure("{\"long_term_memory\":{\"enable\":true}}");
        fake.enqueue(stream("one"), error(400, "summary refused"), stream("two"), answer("A later summary."));

        assertThat(eventNames("first")).containsExactly("message", "message_end");
        assertThat(eventNames("second")).containsExactly("message", "message_end");
        awaitChatRequests(4);

        assertThat(systemPromptOf(fake.chatRequests().get(2))).isEqualTo(PRESET);
        Reply history = api.get("/api/apps/" + appId + "/conversations/messages", session.accessToken());
        assertThat(history.json().path("items")).extracting(m -> m.path("status").asText()).containsOnly("normal");
    }

    @Test
    void aFailedTurnIsNotSummarized() {
        configure("{\"long_term_memory\":{\"enable\":true}}");
        fake.enqueue(error(400, "context too long"));

        assertThat(eventNames("first")).last().isEqualTo("error");
        sleep(500);

        assertThat(fake.chatRequests()).hasSize(1);
    }
}
