package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Reply;
import io.llmops.testing.FakeOpenAiServer.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.llmops.it.Api.object;
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
    private List<String> chat(String query) {
        HttpRequest request = api.request("/api/apps/" + appId + "/conversations", session.accessToken())
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(object("query", query).toString())).build();
        List<String> names = new ArrayList<>();
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        names.add(Api.JSON.readTree(line.substring(6)).path("event").asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return names;
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

        assertThat(chat("I am Ann and I want to visit Rome")).last().isEqualTo("message_end");
        assertThat(chat("What should I pack?")).last().isEqualTo("message_end");
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

        chat("first");
        chat("second");
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

        assertThat(chat("first")).containsExactly("message", "message_end");
        assertThat(chat("second")).containsExactly("message", "message_end");
        awaitChatRequests(4);

        assertThat(systemPromptOf(fake.chatRequests().get(2))).isEqualTo(PRESET);
        Reply history = api.get("/api/apps/" + appId + "/conversations/messages", session.accessToken());
        assertThat(history.json().path("items")).extracting(m -> m.path("status").asText()).containsOnly("normal");
    }

    @Test
    void aFailedTurnIsNotSummarized() {
        configure("{\"long_term_memory\":{\"enable\":true}}");
        fake.enqueue(error(400, "context too long"));

        assertThat(chat("first")).last().isEqualTo("error");
        sleep(500);

        assertThat(fake.chatRequests()).hasSize(1);
    }
}
