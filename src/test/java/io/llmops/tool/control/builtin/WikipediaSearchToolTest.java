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

class WikipediaSearchToolTest {

    private final FakeUpstreams fake = FakeUpstreams.start();
    private final CallableTool tool = Builtins.bind("wikipedia", "search",
            new WikipediaSearchTool(FakeUpstreams.outboundHttp(), fake.baseUrl() + "/wiki-{lang}"), Map.of());

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void searchesThenSummarisesTheBestMatch() throws Exception {
        fake.respond("/wiki-en/w/api.php", 200, JSON, resource("upstreams/wikipedia-search.json"))
                .respond("/wiki-en/api/rest_v1/page/summary/", 200, JSON, resource("upstreams/wikipedia-summary.json"));

        String answer = tool.call("{\"query\":\"alan turing\"}");

        assertThat(answer).startsWith("Alan Turing\nhttps://en.wikipedia.org/wiki/Alan_Turing\n\nAlan Mathison Turing was an English mathematician")
                .endsWith("Other matching articles: Turing machine; Turing test");
        assertThat(fake.lastRequest("/wiki-en/w/api.php").query()).contains("list=search", "srsearch=alan turing", "format=json");
        assertThat(fake.lastRequest("/wiki-en/api/rest_v1/page/summary/").path()).endsWith("/summary/Alan_Turing");
    }

    @Test
    void languageSelectsTheWikiAndIsCheckedBeforeItBecomesAHost() throws Exception {
        fake.respond("/wiki-de/w/api.php", 200, JSON, resource("upstreams/wikipedia-search-empty.json"));

        assertThat(tool.call("{\"query\":\"zzqxjv\",\"language\":\"de\"}")).isEqualTo("No Wikipedia article matches \"zzqxjv\".");
        assertThatThrownBy(() -> tool.call("{\"query\":\"x\",\"language\":\"evil.com/\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("language code");
        assertThat(fake.requests("/wiki-de")).hasSize(1);
    }

    @Test
    void theSearchSnippetStandsInWhenTheSummaryFails() throws Exception {
        fake.respond("/wiki-en/w/api.php", 200, JSON, resource("upstreams/wikipedia-search.json"))
                .respond("/wiki-en/api/rest_v1/page/summary/", 404, JSON, "{\"type\":\"not_found\"}");

        assertThat(tool.call("{\"query\":\"alan turing\"}"))
                .contains("Alan Mathison Turing (23 June 1912 – 7 June 1954) was an English mathematician")
                .doesNotContain("searchmatch");
    }

    @Test
    void searchFailuresAreClearToolErrors() {
        fake.respond("/wiki-en/w/api.php", 503, "text/html", "<html>Wikimedia Error</html>");
        assertThatThrownBy(() -> tool.call("{\"query\":\"x\"}")).isInstanceOf(ToolException.class)
                .hasMessage("Wikipedia answered HTTP 503");
        fake.respond("/wiki-en/w/api.php", 200, JSON, "[1,2,3]");
        assertThatThrownBy(() -> tool.call("{\"query\":\"x\"}")).hasMessage("Wikipedia answered something that is not a JSON object");
        fake.respond("/wiki-en/w/api.php", 200, JSON, "{\"query\":{\"search\":[42]}}");
        assertThatThrownBy(() -> tool.call("{\"query\":\"x\"}")).isInstanceOf(ToolException.class)
                .hasMessageContaining("could not be read");
    }
}
