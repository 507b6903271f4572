package io.llmops.tool.control.builtin;

import io.llmops.platform.json.JsonbProvider;
import io.llmops.platform.outbound.OutboundHttp;
import io.llmops.platform.outbound.OutboundRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Built-in {@code google.serper}: Google results through Serper ({@code POST /search} with
 * {@code X-API-KEY}): the answer box when Google has one, then the organic results.
 */
public final class SerperSearchTool implements BuiltinTool {

    private final Upstream upstream;
    private final String baseUrl;

    public SerperSearchTool(OutboundHttp http, String baseUrl) {
        this.upstream = new Upstream(http, "Serper");
        this.baseUrl = BaseUrls.trim(baseUrl);
    }

    @Override
    public String run(ToolArguments arguments, Map<String, String> credentials) throws IOException {
        String key = credentials.get("api_key");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("Google search needs a Serper API key: store the google provider's credentials first");
        }
        String query = arguments.string("query");
        int num = arguments.integer("num", 5);
        OutboundHttp.Reply reply = upstream.send(OutboundRequest.of("POST", URI.create(baseUrl + "/search"))
                .withHeader("X-API-KEY", key)
                .withBody("application/json", JsonbProvider.shared().toJson(Map.of("q", query, "num", num))));
        JsonObject body = upstream.json(reply);
        StringBuilder out = new StringBuilder();
        if (body.get("answerBox") instanceof JsonObject box) {
            String answer = first(box, "answer", "snippet", "title");
            if (!answer.isBlank()) {
                out.append("Answer: ").append(answer).append("\n\n");
            }
        }
        JsonArray organic = body.getJsonArray("organic");
        int shown = 0;
        for (JsonValue value : organic == null ? JsonValue.EMPTY_JSON_ARRAY : organic) {
            if (shown >= num || !(value instanceof JsonObject result)) {
                break;
            }
            shown++;
            out.append(shown).append(". ").append(result.getString("title", "")).append("\n   ")
                    .append(result.getString("link", "")).append('\n');
            String snippet = result.getString("snippet", "");
            if (!snippet.isBlank()) {
                out.append("   ").append(snippet).append('\n');
            }
        }
        return out.isEmpty() ? "No results found for \"" + query + "\"." : out.toString().stripTrailing();
    }

    private static String first(JsonObject object, String... names) {
        for (String name : names) {
            if (object.get(name) instanceof jakarta.json.JsonString s && !s.getString().isBlank()) {
                return s.getString();
            }
        }
        return "";
    }
}
