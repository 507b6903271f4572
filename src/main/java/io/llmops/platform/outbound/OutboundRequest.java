package io.llmops.platform.outbound;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request the platform sends on a user's behalf through {@link OutboundHttp}. Immutable: the
 * {@code with…} methods answer copies, so a request can be re-sent to a redirect target.
 */
public record OutboundRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

    public OutboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    public static OutboundRequest get(URI uri) {
        return new OutboundRequest("GET", uri, Map.of(), null);
    }

    public static OutboundRequest of(String method, URI uri) {
        return new OutboundRequest(method.toUpperCase(java.util.Locale.ROOT), uri, Map.of(), null);
    }

    public OutboundRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new OutboundRequest(method, uri, copy, body);
    }

    public OutboundRequest withBody(String contentType, byte[] content) {
        return withHeader("Content-Type", contentType).withBodyBytes(content);
    }

    public OutboundRequest withBody(String contentType, String content) {
        return withBody(contentType, content.getBytes(StandardCharsets.UTF_8));
    }

    public OutboundRequest withUri(URI target) {
        return new OutboundRequest(method, target, headers, body);
    }

    private OutboundRequest withBodyBytes(byte[] content) {
        return new OutboundRequest(method, uri, headers, content);
    }
}
