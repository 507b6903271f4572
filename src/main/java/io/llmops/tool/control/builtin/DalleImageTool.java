package io.llmops.tool.control.builtin;

import io.llmops.platform.json.JsonbProvider;
import io.llmops.platform.outbound.OutboundHttp;
import io.llmops.platform.outbound.OutboundRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Built-in {@code dalle.dalle3}: OpenAI's images API ({@code POST /images/generations}, model
 * dall-e-3) at the credentials' base URL or the configured one; answers the image as markdown.
 */
public final class DalleImageTool implements BuiltinTool {

    private final Upstream upstream;
    private final String baseUrl;

    public DalleImageTool(OutboundHttp http, String baseUrl) {
        this.upstream = new Upstream(http, "OpenAI images API");
        this.baseUrl = BaseUrls.trim(baseUrl);
    }

    @Override
    public String run(ToolArguments arguments, Map<String, String> credentials) throws IOException {
        String key = credentials.get("api_key");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("DALL-E needs an OpenAI API key: store the dalle provider's credentials first");
        }
        String base = credentials.get("base_url");
        base = base == null || base.isBlank() ? baseUrl : BaseUrls.trim(base);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", "dall-e-3");
        body.put("prompt", arguments.string("prompt"));
        body.put("size", arguments.string("size"));
        body.put("style", arguments.string("style"));
        body.put("quality", arguments.string("quality"));
        body.put("n", 1);
        body.put("response_format", "url");
        URI uri;
        try {
            uri = URI.create(base + "/images/generations");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the dalle base URL is not a valid URL");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("the dalle base URL must be an http(s) URL");
        }
        OutboundHttp.Reply reply = upstream.send(OutboundRequest.of("POST", uri)
                .withHeader("Authorization", "Bearer " + key)
                .withBody("application/json", JsonbProvider.shared().toJson(body)));
        JsonArray data = upstream.json(reply).getJsonArray("data");
        StringBuilder out = new StringBuilder();
        for (JsonValue image : data == null ? JsonValue.EMPTY_JSON_ARRAY : data) {
            String url = image instanceof JsonObject o ? o.getString("url", "") : "";
            if (!url.isBlank()) {
                out.append(out.isEmpty() ? "" : "\n").append("![image](").append(url).append(')');
            }
        }
        if (out.isEmpty()) {
            throw upstream.failure("answered no image URL");
        }
        return out.toString();
    }
}
