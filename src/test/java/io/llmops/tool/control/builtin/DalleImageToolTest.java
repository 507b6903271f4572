package io.llmops.tool.control.builtin;

import io.llmops.testing.FakeUpstreams;
import io.llmops.tool.control.CallableTool;
import io.llmops.tool.control.ToolException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.llmops.testing.FakeUpstreams.JSON;
import static io.llmops.testing.FakeUpstreams.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DalleImageToolTest {

    private final FakeUpstreams fake = FakeUpstreams.start();
    private final DalleImageTool dalle = new DalleImageTool(FakeUpstreams.outboundHttp(), fake.baseUrl() + "/v1");

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void generatesOneImageAndAnswersItAsMarkdown() throws Exception {
        fake.respond("/v1/images/generations", 200, JSON, resource("upstreams/openai-images.json"));
        CallableTool tool = Builtins.bind("dalle", "dalle3", dalle, Map.of("api_key", "sk-images"));

        String answer = tool.call("{\"prompt\":\"a lighthouse at dawn, watercolor\",\"size\":\"1792x1024\",\"style\":\"natural\"}");

        assertThat(answer).isEqualTo("![image](https://oaidalleapiprodscus.blob.core.windows.net/private/org-abc/user-def/img-XYZ.png"
                + "?st=2026-11-25T18%3A32%3A04Z&se=2026-11-25T20%3A32%3A04Z&sp=r&sig=abc%3D)");
        FakeUpstreams.Request sent = fake.lastRequest("/v1/images/generations");
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-images");
        assertThat(sent.body()).contains("\"model\":\"dall-e-3\"", "\"prompt\":\"a lighthouse at dawn, watercolor\"",
                "\"size\":\"1792x1024\"", "\"style\":\"natural\"", "\"quality\":\"standard\"", "\"n\":1");
    }

    @Test
    void credentialsBaseUrlWinsOverTheConfiguredOne() throws Exception {
        fake.respond("/proxy/openai/images/generations", 200, JSON, resource("upstreams/openai-images.json"));
        CallableTool tool = Builtins.bind("dalle", "dalle3", dalle,
                Map.of("api_key", "sk-images", "base_url", fake.baseUrl() + "/proxy/openai/"));

        assertThat(tool.call("{\"prompt\":\"a cat\"}")).startsWith("![image](");
        assertThat(fake.requests("/v1")).isEmpty();
    }

    @Test
    void refusedKeyServerErrorsAndEmptyAnswersAreClearToolErrors() {
        CallableTool tool = Builtins.bind("dalle", "dalle3", dalle, Map.of("api_key", "sk-wrong"));
        fake.respond("/v1/images/generations", 401, JSON, resource("upstreams/openai-error-401.json"));
        assertThatThrownBy(() -> tool.call("{\"prompt\":\"a cat\"}")).isInstanceOf(ToolException.class)
                .hasMessageStartingWith("OpenAI images API refused the credentials (HTTP 401): Incorrect API key provided");

        fake.respond("/v1/images/generations", 500, "text/plain", "upstream exploded");
        assertThatThrownBy(() -> tool.call("{\"prompt\":\"a cat\"}")).hasMessage("OpenAI images API answered HTTP 500");

        fake.respond("/v1/images/generations", 200, JSON, "{\"created\":1,\"data\":[]}");
        assertThatThrownBy(() -> tool.call("{\"prompt\":\"a cat\"}")).hasMessage("OpenAI images API answered no image URL");

        assertThatThrownBy(() -> tool.call("{\"prompt\":\"a cat\",\"size\":\"640x480\"}")).hasMessageContaining("1024x1024");
        assertThatThrownBy(() -> Builtins.bind("dalle", "dalle3", dalle, Map.of()).call("{\"prompt\":\"a cat\"}"))
                .hasMessageContaining("needs credentials");
        assertThatThrownBy(() -> Builtins.bind("dalle", "dalle3", dalle, Map.of("api_key", "k", "base_url", "file:///etc"))
                .call("{\"prompt\":\"a cat\"}")).isInstanceOf(IllegalArgumentException.class).hasMessage("the dalle base URL must be an http(s) URL");
    }
}
