package io.llmops.tool.control.builtin;

import io.llmops.platform.outbound.OutboundHttp;
import io.llmops.platform.outbound.OutboundRequest;
import io.llmops.tool.control.ToolException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Built-in {@code webpage.read}: fetches any http(s) URL (the SSRF guard of {@link OutboundHttp}
 * decides what may be reached) and extracts the readable text with jsoup: scripts, styles,
 * navigation, headers, footers and forms dropped, the article or main element preferred, block
 * elements kept as paragraphs; cut at the asked length.
 */
public final class WebpageReadTool implements BuiltinTool {

    private static final String NOISE = "script, style, noscript, template, svg, iframe, nav, header, footer, aside, form, "
            + "button, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true], .advertisement, .ads";
    private static final String BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, pre, blockquote, dt, dd, figcaption, td, th";

    private final OutboundHttp http;

    public WebpageReadTool(OutboundHttp http) {
        this.http = http;
    }

    @Override
    public String run(ToolArguments arguments, Map<String, String> credentials) throws IOException {
        URI uri = httpUri(arguments.string("url"));
        int limit = arguments.integer("max_length", 8000);
        // failures name the site: "example.com answered HTTP 404"
        OutboundHttp.Reply reply = new Upstream(http, uri.getHost()).send(OutboundRequest.get(uri)
                .withHeader("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9"));
        String type = reply.header("Content-Type").orElse("text/html").toLowerCase(Locale.ROOT);
        String text;
        if (type.contains("html") || type.contains("xml")) {
            Document page = Jsoup.parse(reply.body(), uri.toString());
            text = (page.title().isBlank() ? "" : page.title().strip() + "\n\n") + readable(page);
        } else if (type.startsWith("text/") || type.contains("json")) {
            text = reply.body().strip();
        } else {
            throw new ToolException("the URL is not a web page (" + type.split(";")[0].strip() + ")");
        }
        if (text.isBlank()) {
            return "The page at " + uri + " has no readable text.";
        }
        return text.length() <= limit ? text : text.substring(0, limit) + "\n… (cut at " + limit + " characters)";
    }

    static String readable(Document page) {
        page.select(NOISE).remove();
        Element root = page.selectFirst("article");
        if (root == null) {
            root = page.selectFirst("main, [role=main]");
        }
        if (root == null) {
            root = page.body();
        }
        if (root == null) {
            return "";
        }
        List<String> paragraphs = new ArrayList<>();
        for (Element block : root.select(BLOCKS)) {
            // an li holding a p would otherwise be read twice
            if (block.parents().stream().anyMatch(parent -> parent != block && parent.is(BLOCKS))) {
                continue;
            }
            String text = block.text().strip();
            if (!text.isEmpty()) {
                paragraphs.add(text);
            }
        }
        return paragraphs.isEmpty() ? root.text().strip() : String.join("\n\n", paragraphs);
    }

    private static URI httpUri(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("parameter 'url' must be an http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("parameter 'url' is not a valid URL");
        }
    }
}
