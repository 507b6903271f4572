package io.llmops.tool.control.builtin;

import io.llmops.platform.outbound.OutboundHttp;
import io.llmops.platform.outbound.OutboundRequest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Built-in {@code duckduckgo.search}: DuckDuckGo's HTML results page ({@code /html/?q=}), which
 * needs no key; ads are skipped and DuckDuckGo's redirect links are turned back into the targets.
 */
public final class DuckDuckGoSearchTool implements BuiltinTool {

    private final Upstream upstream;
    private final String baseUrl;

    public DuckDuckGoSearchTool(OutboundHttp http, String baseUrl) {
        this.upstream = new Upstream(http, "DuckDuckGo");
        this.baseUrl = BaseUrls.trim(baseUrl);
    }

    record Result(String title, String link, String snippet) {
    }

    @Override
    public String run(ToolArguments arguments, Map<String, String> credentials) throws IOException {
        String query = arguments.string("query");
        int max = arguments.integer("max_results", 5);
        URI uri = URI.create(baseUrl + "/html/?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        OutboundHttp.Reply reply = upstream.send(OutboundRequest.get(uri).withHeader("Accept", "text/html"));
        Document page = Jsoup.parse(reply.body(), baseUrl + "/html/");
        if (reply.status() == 202 || !page.select(".anomaly-modal, #challenge-form").isEmpty()) {
            // DuckDuckGo answers 202 with a bot check when it throttles a client
            throw upstream.failure("refused the search for now (bot check); try again later");
        }
        List<Result> results = parse(page, max);
        if (results.isEmpty()) {
            return "No results found for \"" + query + "\".";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            out.append(i + 1).append(". ").append(r.title()).append('\n').append("   ").append(r.link()).append('\n');
            if (!r.snippet().isEmpty()) {
                out.append("   ").append(r.snippet()).append('\n');
            }
        }
        return out.toString().stripTrailing();
    }

    static List<Result> parse(Document page, int max) {
        List<Result> results = new ArrayList<>();
        for (Element result : page.select("div.result")) {
            if (results.size() >= max) {
                break;
            }
            if (result.hasClass("result--ad") || result.hasClass("result--no-result")) {
                continue;
            }
            Element anchor = result.selectFirst("a.result__a");
            if (anchor == null) {
                continue;
            }
            String link = target(anchor.attr("href"));
            if (link.isEmpty()) {
                continue;
            }
            Element snippet = result.selectFirst(".result__snippet");
            results.add(new Result(anchor.text(), link, snippet == null ? "" : snippet.text()));
        }
        return results;
    }

    /** DuckDuckGo links go through {@code //duckduckgo.com/l/?uddg=<target>}; the target is what the user wants. */
    static String target(String href) {
        int at = href.indexOf("uddg=");
        if (at < 0) {
            return href.startsWith("http") ? href : "";
        }
        String encoded = href.substring(at + 5);
        int end = encoded.indexOf('&');
        return URLDecoder.decode(end < 0 ? encoded : encoded.substring(0, end), StandardCharsets.UTF_8);
    }
}
