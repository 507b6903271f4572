package io.llmops.tool.control.builtin;

import io.llmops.platform.outbound.OutboundHttp;
import io.llmops.platform.outbound.OutboundRequest;
import io.llmops.tool.control.ToolException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jsoup.Jsoup;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Built-in {@code wikipedia.search}: MediaWiki's search API ({@code /w/api.php?list=search}) on
 * the language's wiki, then the REST summary ({@code /api/rest_v1/page/summary/{title}}) of the
 * best match; the search snippet stands in when the summary cannot be had.
 */
public final class WikipediaSearchTool implements BuiltinTool {

    /** Language codes only (en, zh, zh-yue, simple): the code becomes part of a host name. */
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,12}(-[a-z0-9]{1,12}){0,2}");
    private static final int MATCHES = 5;

    private final Upstream upstream;
    private final String baseUrlTemplate;

    public WikipediaSearchTool(OutboundHttp http, String baseUrlTemplate) {
        this.upstream = new Upstream(http, "Wikipedia");
        this.baseUrlTemplate = BaseUrls.trim(baseUrlTemplate);
    }

    @Override
    public String run(ToolArguments arguments, Map<String, String> credentials) throws IOException {
        String query = arguments.string("query");
        String language = arguments.string("language").toLowerCase(java.util.Locale.ROOT);
        if (!LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("parameter 'language' must be a Wikipedia language code such as en or zh");
        }
        String base = baseUrlTemplate.replace("{lang}", language);
        JsonObject found = upstream.json(upstream.send(OutboundRequest.get(URI.create(base
                + "/w/api.php?action=query&list=search&format=json&formatversion=2&utf8=1&srprop=snippet&srlimit="
                + MATCHES + "&srsearch=" + encode(query)))));
        JsonObject queryPart = found.getJsonObject("query");
        JsonArray hits = queryPart == null ? null : queryPart.getJsonArray("search");
        if (hits == null || hits.isEmpty()) {
            return "No Wikipedia article matches \"" + query + "\".";
        }
        JsonObject best = hits.getJsonObject(0);
        String title = best.getString("title", "");
        String url = base + "/wiki/" + URLEncoder.encode(title.replace(' ', '_'), StandardCharsets.UTF_8);
        String summary;
        try {
            JsonObject page = upstream.json(upstream.send(OutboundRequest.get(URI.create(base + "/api/rest_v1/page/summary/"
                    + URLEncoder.encode(title.replace(' ', '_'), StandardCharsets.UTF_8)))
                    .withHeader("Accept", "application/json")));
            summary = page.getString("extract", "");
            JsonObject urls = page.getJsonObject("content_urls");
            if (urls != null && urls.get("desktop") instanceof JsonObject desktop) {
                url = desktop.getString("page", url);
            }
        } catch (ToolException e) {
            summary = "";
        }
        if (summary.isBlank()) {
            summary = Jsoup.parse(best.getString("snippet", "")).text();
        }
        List<String> others = new ArrayList<>();
        for (JsonValue hit : hits.subList(1, hits.size())) {
            others.add(hit.asJsonObject().getString("title", ""));
        }
        return title + "\n" + url + "\n\n" + summary.strip()
                + (others.isEmpty() ? "" : "\n\nOther matching articles: " + String.join("; ", others));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
