package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Reply;
import io.llmops.testing.FakeOpenAiServer;
import io.llmops.testing.FakeUpstreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.llmops.it.Api.object;
import static io.llmops.testing.FakeOpenAiServer.Reply.stream;
import static io.llmops.testing.FakeUpstreams.JSON;
import static io.llmops.testing.FakeUpstreams.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A debug chat in which the fake model calls built-in tools that reach their (fake) upstreams
 * through the server's outbound client; the observations show in {@code agent_thought} events.
 */
class BuiltinToolChatIT extends FakeModelAppIT {

    @BeforeEach
    void appWithModel() {
        newAppWithModel("Tool bot", "{\"model_config\":{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\"},"
                + "\"preset_prompt\":\"You are a test bot.\",\"dialog_round\":1}");
    }

    private void tools(String entries) {
        Reply reply = api.patch("/api/apps/" + appId + "/draft-config", session.accessToken(), "{\"tools\":" + entries + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void wikipediaSearchRunsAgainstItsUpstreamAndTheObservationReachesTheModel() {
        FakeUpstreams upstreams = LlmopsServer.upstreams();
        upstreams.respond("/wikipedia/en/w/api.php", 200, JSON, resource("upstreams/wikipedia-search.json"))
                .respond("/wikipedia/en/api/rest_v1/page/summary/", 200, JSON, resource("upstreams/wikipedia-summary.json"));
        tools("[{\"type\":\"builtin\",\"provider\":\"wikipedia\",\"tool\":\"search\"}]");
        fake.enqueue(FakeOpenAiServer.Reply.toolCall("wikipedia_search", "{\"query\":\"alan turing\"}"),
                stream("Turing was ", "a mathematician."));

        List<JsonNode> events = chat("Who was Alan Turing?");

        JsonNode thought = firstThought(events);
        assertThat(thought.path("tool").asText()).isEqualTo("wikipedia_search");
        assertThat(thought.path("observation").asText()).startsWith("Alan Turing\nhttps://en.wikipedia.org/wiki/Alan_Turing")
                .contains("English mathematician, computer scientist");
        assertThat(upstreams.lastRequest("/wikipedia/en/w/api.php").query()).contains("srsearch=alan turing");
        JsonNode toolResult = fake.lastRequest().json().path("messages").get(fake.lastRequest().json().path("messages").size() - 1);
        assertThat(toolResult.path("content").asText()).contains("Alan Mathison Turing");
    }

    @Test
    void storedCredentialsReachTheToolAndMissingOnesAreAnObservationNotACrash() {
        FakeUpstreams upstreams = LlmopsServer.upstreams();
        upstreams.respond("/gaode/v3/config/district", 200, JSON, resource("upstreams/amap-district.json"))
                .respond("/gaode/v3/weather/weatherInfo", 200, JSON, resource("upstreams/amap-weather-live.json"));
        tools("[{\"type\":\"builtin\",\"provider\":\"gaode\",\"tool\":\"weather\"}]");

        fake.enqueue(FakeOpenAiServer.Reply.toolCall("gaode_weather", "{\"city\":\"杭州\"}"), stream("No key."));
        JsonNode failed = firstThought(chat("Weather in Hangzhou?"));
        assertThat(failed.path("observation").asText()).contains("needs credentials");

        String key = "amap-key-" + System.nanoTime();
        assertThat(api.put("/api/builtin-tools/gaode/credentials", session.accessToken(), object("api_key", key)).status())
                .isEqualTo(200);
        fake.enqueue(FakeOpenAiServer.Reply.toolCall("gaode_weather", "{\"city\":\"杭州\"}"), stream("Cloudy."));
        JsonNode thought = firstThought(chat("Weather in Hangzhou?"));
        assertThat(thought.path("observation").asText()).startsWith("浙江 杭州市: 多云, 14°C");
        assertThat(upstreams.lastRequest("/gaode/v3/config/district").query()).contains("key=" + key);
    }

    private static JsonNode firstThought(List<JsonNode> events) {
        return events.stream().filter(e -> e.path("event").asText().equals("agent_thought")
                        && !e.path("observation").asText().isEmpty())
                .findFirst().orElseThrow(() -> new AssertionError("no agent_thought with an observation in " + events));
    }

}
