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

class SerperSearchToolTest {

    private final FakeUpstreams fake = FakeUpstreams.start();
    private final CallableTool tool = Builtins.bind("google", "serper",
            new SerperSearchTool(FakeUpstreams.outboundHttp(), fake.baseUrl()), Map.of("api_key", "serper-key-1"));

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void answerBoxThenOrganicResults() throws Exception {
        fake.respond("/search", 200, JSON, resource("upstreams/serper-search.json"));

        String answer = tool.call("{\"query\":\"capital of australia\",\"num\":2}");

        assertThat(answer).isEqualTo("""
                Answer: Canberra

                1. Canberra - Wikipedia
                   https://en.wikipedia.org/wiki/Canberra
                   Canberra is the capital city of Australia. Founded following the federation of the colonies of Australia as the seat of government for the new nation...
                2. Why is Canberra the capital of Australia? - National Museum
                   https://www.nma.gov.au/explore/features/canberra
                   Canberra was chosen as a compromise between Sydney and Melbourne.""");
        FakeUpstreams.Request sent = fake.lastRequest("/search");
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.header("X-API-KEY")).isEqualTo("serper-key-1");
        assertThat(sent.header("Content-Type")).startsWith("application/json");
        assertThat(sent.body()).contains("\"q\":\"capital of australia\"", "\"num\":2");
    }

    @Test
    void noOrganicResultsIsAnAnswer() throws Exception {
        fake.respond("/search", 200, JSON, "{\"searchParameters\":{\"q\":\"zzqxjv\"},\"organic\":[]}");

        assertThat(tool.call("{\"query\":\"zzqxjv\"}")).isEqualTo("No results found for \"zzqxjv\".");
    }

    @Test
    void refusedKeyAndGarbageAreClearToolErrors() {
        fake.respond("/search", 403, JSON, "{\"message\":\"Unauthorized.\",\"statusCode\":403}");
        assertThatThrownBy(() -> tool.call("{\"query\":\"x\"}")).isInstanceOf(ToolException.class)
                .hasMessage("Serper refused the credentials (HTTP 403): Unauthorized.");
        fake.respond("/search", 200, "text/html", "<html>captive portal</html>");
        assertThatThrownBy(() -> tool.call("{\"query\":\"x\"}")).hasMessage("Serper answered something that is not a JSON object");
        assertThatThrownBy(() -> Builtins.bind("google", "serper", new SerperSearchTool(FakeUpstreams.outboundHttp(), fake.baseUrl()),
                Map.of()).call("{\"query\":\"x\"}")).hasMessageContaining("needs credentials");
    }
}
