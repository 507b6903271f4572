package io.llmops.tool.control.builtin;

import io.llmops.testing.FakeUpstreams;
import io.llmops.tool.control.CallableTool;
import io.llmops.tool.control.ToolException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.llmops.testing.FakeUpstreams.HTML;
import static io.llmops.testing.FakeUpstreams.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DuckDuckGoSearchToolTest {

    private final FakeUpstreams fake = FakeUpstreams.start();
    private final CallableTool tool = Builtins.bind("duckduckgo", "search",
            new DuckDuckGoSearchTool(FakeUpstreams.outboundHttp(), fake.baseUrl() + "/"), Map.of());

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void answersTheTopResultsWithoutAdsAndWithRealLinks() throws Exception {
        fake.respond("/html/", 200, HTML, resource("upstreams/duckduckgo-results.html"));

        String answer = tool.call("{\"query\":\"jakarta ee payara\",\"max_results\":2}");

        assertThat(answer).isEqualTo("""
                1. Payara Micro - Payara Services Ltd
                   https://www.payara.fish/products/payara-micro/
                   Payara Micro is the open source, lightweight middleware platform of choice for containerized Jakarta EE application deployments.
                2. Jakarta EE Platform 11 | Jakarta EE | The Eclipse Foundation
                   https://jakarta.ee/specifications/platform/11/
                   Jakarta EE Platform 11 defines a platform for hosting Jakarta EE applications.""");
        assertThat(fake.lastRequest("/html/").query()).isEqualTo("q=jakarta ee payara");
        assertThat(fake.lastRequest("/html/").header("User-Agent")).isNotBlank();
    }

    @Test
    void resultCountIsBoundedAndDefaultsToFive() throws Exception {
        fake.respond("/html/", 200, HTML, resource("upstreams/duckduckgo-results.html"));

        assertThat(tool.call("{\"query\":\"payara\",\"max_results\":500}").lines().filter(l -> l.matches("\\d+\\. .*")))
                .hasSize(3);
        assertThat(tool.call("{\"query\":\"payara\",\"max_results\":0}")).startsWith("1. ").doesNotContain("2. ");
        assertThat(tool.specification().parameters().required()).containsExactly("query");
    }

    @Test
    void noResultsIsAnAnswerNotAnError() throws Exception {
        fake.respond("/html/", 200, HTML, resource("upstreams/duckduckgo-empty.html"));

        assertThat(tool.call("{\"query\":\"zzqxjv\"}")).isEqualTo("No results found for \"zzqxjv\".");
    }

    @Test
    void upstreamFailuresAndMissingQueryAreClearToolErrors() {
        fake.respond("/html/", 500, "text/plain", "oops");
        assertThatThrownBy(() -> tool.call("{\"query\":\"x\"}")).isInstanceOf(ToolException.class)
                .hasMessage("DuckDuckGo answered HTTP 500");
        fake.respond("/html/", 202, HTML, "<html><body><div class=\"anomaly-modal\">Unfortunately, bots use DuckDuckGo too.</div></body></html>");
        assertThatThrownBy(() -> tool.call("{\"query\":\"x\"}")).hasMessageContaining("bot check");
        assertThatThrownBy(() -> tool.call("{}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing required parameter 'query'");
    }
}
