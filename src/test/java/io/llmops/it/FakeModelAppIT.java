package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Session;
import io.llmops.testing.FakeOpenAiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

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
import java.util.function.Predicate;

import static io.llmops.it.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests that chat with an app: a fake OpenAI-compatible model per test class, and per
 * test a new account whose app uses it (credentials with the fake's base URL, then the draft config).
 */
@ExtendWith(LlmopsServer.class)
abstract class FakeModelAppIT {

    protected static final String KEY = "sk-fake-model-test-key";
    protected static FakeOpenAiServer fake;
    protected final Api api = new Api();
    protected Session session;
    protected String appId;

    @BeforeAll
    static void startFake() {
        fake = FakeOpenAiServer.start().apiKey(KEY);
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    /** A clean fake, a new account and its app named {@code name} with this draft config. */
    protected void newAppWithModel(String name, String configPatch) {
        fake.reset();
        session = api.register();
        appId = api.appWithModel(session, KEY, fake.baseUrl(), name, configPatch);
    }

    /** Streams one debug-chat turn of the current app and answers every SSE data frame. */
    protected List<JsonNode> chat(String query) {
        return events(open(query), e -> false);
    }

    protected InputStream open(String query) {
        return open(api, query);
    }

    /** Opens a debug-chat stream of the current app on the instance {@code on} answers for. */
    protected InputStream open(Api on, String query) {
        HttpRequest request = on.request("/api/apps/" + appId + "/conversations", session.accessToken())
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(object("query", query).toString())).build();
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The answer the {@code message} events carry, joined. */
    protected static String answerOf(List<JsonNode> events) {
        StringBuilder answer = new StringBuilder();
        events.stream().filter(e -> e.path("event").asText().equals("message")).forEach(e -> answer.append(e.path("answer").asText()));
        return answer.toString();
    }

    /** The newest message of the caller's debug conversation with the current app. */
    protected JsonNode lastMessage() {
        Api.Reply history = api.get("/api/apps/" + appId + "/conversations/messages", session.accessToken());
        assertThat(history.status()).isEqualTo(200);
        return history.json().path("items").get(0);
    }

    /** Reads SSE data frames until the stream ends; {@code onEach} may act on each event (returning true stops reading early). */
    protected static List<JsonNode> events(InputStream body, Predicate<JsonNode> onEach) {
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    JsonNode event = Api.JSON.readTree(line.substring(6));
                    events.add(event);
                    if (onEach.test(event)) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }
}
