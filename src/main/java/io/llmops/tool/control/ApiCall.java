package io.llmops.tool.control;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.llmops.platform.json.JsonbProvider;
import io.llmops.platform.outbound.OutboundHttp;
import io.llmops.platform.outbound.OutboundRequest;
import jakarta.json.bind.JsonbException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One API tool ready to call: builds the HTTP request from the model's arguments (path parameters
 * substituted and encoded, query, headers, a JSON or form body), adds the provider's headers and
 * auth, and sends it through {@link OutboundHttp} (SSRF guard, timeouts, size cap). The observation
 * is the response body, truncated; a non-2xx answer is a {@link ToolCallFailed} the model can read,
 * bad arguments an {@link IllegalArgumentException} (the try-it endpoint answers those with 400).
 */
public final class ApiCall implements CallableTool {

    /** The parameter that carries a whole JSON body when the body is not an object with properties. */
    public static final String WHOLE_BODY = "body";
    static final int MAX_OBSERVATION = 8000;
    static final int MAX_ERROR_BODY = 500;

    private final String serverUrl;
    private final ApiOperation operation;
    private final ApiCredentials credentials;
    private final OutboundHttp http;

    public ApiCall(String serverUrl, ApiOperation operation, ApiCredentials credentials, OutboundHttp http) {
        this.serverUrl = serverUrl;
        this.operation = operation;
        this.credentials = credentials;
        this.http = http;
    }

    @Override
    public ToolSpecification specification() {
        JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
        List<String> required = new ArrayList<>();
        for (ApiParameter p : operation.parameters()) {
            parameters.addProperty(p.name(), schema(p));
            if (p.required()) {
                required.add(p.name());
            }
        }
        return ToolSpecification.builder()
                .name(operation.name())
                .description(operation.description())
                .parameters(parameters.required(required).build())
                .build();
    }

    static JsonSchemaElement schema(ApiParameter p) {
        String description = p.description();
        if (p.defaultValue() != null) {
            description = (description.isBlank() ? "" : description + " ") + "(default: " + p.defaultValue() + ")";
        }
        if (!p.enumValues().isEmpty() && p.type().equals("string")) {
            return JsonEnumSchema.builder().description(description)
                    .enumValues(p.enumValues().stream().map(String::valueOf).toList()).build();
        }
        if (!p.enumValues().isEmpty()) {
            description = (description.isBlank() ? "" : description + " ") + "One of: "
                    + String.join(", ", p.enumValues().stream().map(String::valueOf).toList());
        }
        return switch (p.type()) {
            case "integer" -> JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" -> JsonBooleanSchema.builder().description(description).build();
            case "array" -> JsonArraySchema.builder().description(description)
                    .items(schema(new ApiParameter("item", p.in(), p.itemsType() == null ? "string" : p.itemsType(),
                            null, false, "", List.of(), null))).build();
            case "object" -> JsonObjectSchema.builder().description(description).build();
            default -> JsonStringSchema.builder().description(description).build();
        };
    }

    @Override
    public String call(String argumentsJson) throws IOException, ToolCallFailed {
        return call(arguments(argumentsJson));
    }

    /** Runs the tool with arguments already parsed (the try-it endpoint's {@code params}). */
    public String call(Map<String, Object> arguments) throws IOException, ToolCallFailed {
        OutboundRequest request = request(arguments);
        OutboundHttp.Reply reply = http.send(request);
        String body = reply.body();
        if (!reply.isSuccess()) {
            throw new ToolCallFailed("HTTP " + reply.status() + " from " + operation.method() + " " + operation.path()
                    + (body.isBlank() ? "" : ": " + truncate(body.strip(), MAX_ERROR_BODY)));
        }
        return body.isBlank() ? "HTTP " + reply.status() + " (no content)" : truncate(body, MAX_OBSERVATION);
    }

    OutboundRequest request(Map<String, Object> arguments) {
        for (ApiParameter p : operation.parameters()) {
            if (p.required() && arguments.get(p.name()) == null) {
                throw new IllegalArgumentException("missing required parameter \"" + p.name() + "\"");
            }
        }
        String path = operation.path();
        StringJoiner query = new StringJoiner("&");
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        Object wholeBody = null;
        for (ApiParameter p : operation.parameters()) {
            Object value = arguments.get(p.name());
            if (value == null) {
                continue;
            }
            switch (p.in()) {
                case "path" -> path = path.replace("{" + p.name() + "}", encode(text(value)));
                case "query" -> {
                    // arrays explode into repeated parameters, OpenAPI's default (form style, explode)
                    for (Object item : value instanceof List<?> list ? list : List.of(value)) {
                        query.add(encode(p.name()) + "=" + encode(text(item)));
                    }
                }
                case "header" -> headers.put(p.name(), text(value));
                default -> {
                    if ("json_value".equals(operation.bodyType())) {
                        wholeBody = value;
                    } else {
                        body.put(p.name(), value);
                    }
                }
            }
        }
        if (path.contains("{")) {
            throw new IllegalArgumentException("the path " + operation.path() + " still has unfilled parameters: " + path);
        }
        ApiCredentials.Auth auth = credentials.auth();
        if ("api_key_query".equals(auth.type())) {
            query.add(encode(auth.name()) + "=" + encode(auth.value()));
        }
        String url = serverUrl + path + (query.length() == 0 ? "" : (path.contains("?") ? "&" : "?") + query);
        OutboundRequest request = OutboundRequest.of(operation.method(), URI.create(url));
        for (Map.Entry<String, String> header : headers.entrySet()) {
            request = request.withHeader(header.getKey(), header.getValue());
        }
        for (ApiCredentials.Header header : credentials.headers()) {
            request = request.withHeader(header.key(), header.value());
        }
        switch (auth.type()) {
            case "api_key_header" -> request = request.withHeader(auth.name(), auth.value());
            case "bearer" -> request = request.withHeader("Authorization", "Bearer " + auth.value());
            default -> {
            }
        }
        if (wholeBody != null) {
            request = request.withBody("application/json", JsonbProvider.shared().toJson(wholeBody));
        } else if ("json".equals(operation.bodyType()) && (!body.isEmpty() || hasBodyParameters())) {
            request = request.withBody("application/json", JsonbProvider.shared().toJson(body));
        } else if ("form".equals(operation.bodyType()) && !body.isEmpty()) {
            StringJoiner form = new StringJoiner("&");
            body.forEach((k, v) -> form.add(encode(k) + "=" + encode(text(v))));
            request = request.withBody("application/x-www-form-urlencoded", form.toString());
        }
        return request.withHeader("Accept", headers.getOrDefault("Accept", "application/json, text/plain, */*"));
    }

    private boolean hasBodyParameters() {
        return operation.parameters().stream().anyMatch(p -> p.in().equals("body") && p.required());
    }

    private static Map<String, Object> arguments(String argumentsJson) {
        if (argumentsJson == null || argumentsJson.isBlank()) {
            return Map.of();
        }
        try {
            Map<?, ?> parsed = JsonbProvider.shared().fromJson(argumentsJson, Map.class);
            Map<String, Object> arguments = new LinkedHashMap<>();
            if (parsed != null) {
                parsed.forEach((k, v) -> arguments.put(String.valueOf(k), v));
            }
            return arguments;
        } catch (JsonbException e) {
            throw new IllegalArgumentException("arguments must be a JSON object");
        }
    }

    /** A scalar as text: whole numbers without ".0", structures as JSON. */
    private static String text(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && !Double.isInfinite(n.doubleValue())
                && Math.abs(n.doubleValue()) < 1e15) {
            return Long.toString(n.longValue());
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return JsonbProvider.shared().toJson(value);
        }
        return String.valueOf(value);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text
                : text.substring(0, max) + "\n… [truncated: " + text.length() + " characters in total]";
    }
}
