package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
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
import static io.llmops.testing.FakeOpenAiServer.Reply.error;
import static io.llmops.testing.FakeOpenAiServer.Reply.stream;
import static org.assertj.core.api.Assertions.assertThat;

/** "Optimize my prompt" over HTTP, answered by the app's draft model (a fake OpenAI on loopback). */
class OptimizePromptIT extends FakeModelAppIT {


    @BeforeEach
    void appWithModel() {
        newAppWithModel("Prompt lab",
                "{\"model_config\":{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\",\"parameters\":{\"temperature\":0.2}}}");
    }

    private List<JsonNode> optimize(ObjectNode body) {
        HttpRequest request = api.request("/api/ai/optimize-prompt", session.accessToken())
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            List<JsonNode> events = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        events.add(Api.JSON.readTree(line.substring(6)));
                    }
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void streamsTheImprovedPromptFromTheAppsModel() {
        fake.enqueue(stream("# Role\n", "You are a ", "travel planner.").usage(120, 9));
        String prompt = "你是旅行助手，帮我规划行程";

        List<JsonNode> events = optimize(object("prompt", prompt, "app_id", appId));

        assertThat(events).extracting(e -> e.path("event").asText()).containsExactly("message", "message", "message", "message_end");
        assertThat(answerOf(events)).isEqualTo("# Role\nYou are a travel planner.");
        assertThat(events.getLast().at("/metadata/usage/total_tokens").asInt()).isEqualTo(129);

        JsonNode sent = fake.lastRequest().json();
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
        JsonNode messages = sent.path("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText()).contains("prompt engineer").contains("language");
        assertThat(messages.get(1).path("content").asText()).contains("<prompt>\n" + prompt + "\n</prompt>");
    }

    @Test
    void modelFailureEndsTheStreamWithAnErrorEvent() {
        fake.enqueue(error(400, "Invalid request: prompt rejected"));

        List<JsonNode> events = optimize(object("prompt", "Be helpful.", "app_id", appId));

        JsonNode last = events.getLast();
        assertThat(last.path("event").asText()).isEqualTo("error");
        assertThat(last.path("code").asText()).isEqualTo("model_error");
        assertThat(last.path("message").asText()).contains("prompt rejected");
    }

    @Test
    void emptyOrTooLongPromptIsAFieldError() {
        for (String prompt : List.of("", "   ", "x".repeat(20_001))) {
            Reply reply = api.post("/api/ai/optimize-prompt", session.accessToken(), object("prompt", prompt, "app_id", appId));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("validation_failed");
            assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("prompt");
        }
        assertThat(fake.chatRequests()).isEmpty();
    }

    @Test
    void withoutAnAppThereIsNoModel() {
        Reply reply = api.post("/api/ai/optimize-prompt", session.accessToken(), object("prompt", "Be helpful."));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("model_required");
        assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("app_id");
    }

    @Test
    void appWithoutModelIsNotConfigured() {
        String bare = api.post("/api/apps", session.accessToken(), object("name", "Bare")).json().path("id").asText();

        Reply reply = api.post("/api/ai/optimize-prompt", session.accessToken(), object("prompt", "Be helpful.", "app_id", bare));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("app_not_configured");
    }

    @Test
    void anotherWorkspacesAppIsNotFound() {
        Session intruder = api.register();

        Reply reply = api.post("/api/ai/optimize-prompt", intruder.accessToken(), object("prompt", "Be helpful.", "app_id", appId));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("not_found");
        assertThat(fake.chatRequests()).isEmpty();
    }

    @Test
    void malformedAppIdIsAFieldError() {
        Reply reply = api.post("/api/ai/optimize-prompt", session.accessToken(), object("prompt", "Be helpful.", "app_id", "nope"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("app_id");
    }
}
