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

class WebpageReadToolTest {

    private final FakeUpstreams fake = FakeUpstreams.start();
    private final CallableTool tool = Builtins.bind("webpage", "read", new WebpageReadTool(FakeUpstreams.outboundHttp()), Map.of());

    @AfterEach
    void stop() {
        fake.close();
    }

    private String url(String path) {
        return fake.baseUrl() + path;
    }

    @Test
    void readsTheArticleTextWithoutNavigationScriptsOrForms() throws Exception {
        fake.respond("/blog/virtual-threads", 200, HTML, resource("upstreams/article.html"));

        String text = tool.call("{\"url\":\"" + url("/blog/virtual-threads") + "\"}");

        assertThat(text).isEqualTo("""
                Why virtual threads change server code | Example Engineering Blog

                Why virtual threads change server code

                By Ada Example · 12 November 2026

                Virtual threads let a server run one thread per request again, without a pool sized by guesswork.

                Blocking is cheap now

                A virtual thread that blocks on I/O gives its carrier back to the scheduler, so thousands of waiting requests cost little memory.

                Simple, sequential code

                Readable stack traces

                Thread.ofVirtual().start(task);""");
        assertThat(text).doesNotContain("Careers", "dataLayer", "Popular posts", "Subscribe", "Buy our course", "All rights reserved");
    }

    @Test
    void longTextIsCutAtTheLimitWhichIsBounded() throws Exception {
        fake.respond("/long", 200, "text/plain; charset=utf-8", "x".repeat(60_000));

        assertThat(tool.call("{\"url\":\"" + url("/long") + "\",\"max_length\":150}"))
                .isEqualTo("x".repeat(150) + "\n… (cut at 150 characters)");
        assertThat(tool.call("{\"url\":\"" + url("/long") + "\",\"max_length\":5}")).startsWith("x".repeat(100) + "\n…");
        assertThat(tool.call("{\"url\":\"" + url("/long") + "\",\"max_length\":999999}")).startsWith("x".repeat(50_000) + "\n…");
        assertThat(tool.call("{\"url\":\"" + url("/long") + "\"}")).startsWith("x".repeat(8000) + "\n…");
    }

    @Test
    void badUrlsNonPagesAndUpstreamErrorsAreClearToolErrors() {
        assertThatThrownBy(() -> tool.call("{\"url\":\"file:///etc/passwd\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'url' must be an http or https URL");
        assertThatThrownBy(() -> tool.call("{\"url\":\"http://exa mple.com\"}")).hasMessage("parameter 'url' is not a valid URL");
        fake.respond("/image.png", 200, "image/png", "\u0089PNG");
        assertThatThrownBy(() -> tool.call("{\"url\":\"" + url("/image.png") + "\"}")).hasMessage("the URL is not a web page (image/png)");
        fake.respond("/gone", 404, HTML, "<html>not found</html>");
        assertThatThrownBy(() -> tool.call("{\"url\":\"" + url("/gone") + "\"}")).hasMessage("127.0.0.2 answered HTTP 404");
    }

    @Test
    void anSsrfRefusalPassesThroughUnwrappedSoCallersCanReportIt() {
        assertThatThrownBy(() -> tool.call("{\"url\":\"http://127.0.0.1:" + fake.baseUrl().replaceAll(".*:", "") + "/\"}"))
                .isInstanceOf(io.llmops.platform.outbound.OutboundBlockedException.class);
        assertThatThrownBy(() -> tool.call("{\"url\":\"http://169.254.169.254/latest/meta-data/\"}"))
                .isInstanceOf(io.llmops.platform.outbound.OutboundBlockedException.class);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void anUnreachableHostIsAClearToolError() {
        int closedPort = io.llmops.testing.FakeUpstreams.start().closeAndPort();
        assertThatThrownBy(() -> tool.call("{\"url\":\"http://127.0.0.2:" + closedPort + "/\"}")).isInstanceOf(ToolException.class)
                .hasMessageStartingWith("could not reach 127.0.0.2");
    }
}
