package io.llmops.tool.control.builtin;

import io.llmops.platform.outbound.OutboundBlockedException;
import io.llmops.platform.outbound.OutboundHttp;
import io.llmops.platform.outbound.OutboundRequest;
import io.llmops.tool.control.ToolException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;

/**
 * One upstream service of a built-in tool, reached through {@link OutboundHttp}: its failures
 * become {@link ToolException}s naming the service, except an SSRF refusal, which stays an
 * {@link OutboundBlockedException} so callers can report {@code ssrf_blocked}.
 */
final class Upstream {

    static final String USER_AGENT = "Mozilla/5.0 (compatible; LLMOps built-in tools)";

    private final OutboundHttp http;
    private final String service;

    Upstream(OutboundHttp http, String service) {
        this.http = http;
        this.service = service;
    }

    /** Sends the request and answers a 2xx reply; anything else is a {@link ToolException}. */
    OutboundHttp.Reply send(OutboundRequest request) throws OutboundBlockedException {
        OutboundHttp.Reply reply;
        try {
            reply = http.send(request.headers().containsKey("User-Agent") ? request : request.withHeader("User-Agent", USER_AGENT));
        } catch (OutboundBlockedException e) {
            throw e;
        } catch (OutboundHttp.ResponseTooLargeException e) {
            throw new ToolException(service + " answered more than the allowed response size");
        } catch (IOException e) {
            throw new ToolException("could not reach " + service + ": "
                    + (e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage()));
        }
        if (!reply.isSuccess()) {
            throw new ToolException(failure(reply));
        }
        return reply;
    }

    /** A 2xx reply's JSON object body. */
    JsonObject json(OutboundHttp.Reply reply) {
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new ToolException(service + " answered something that is not a JSON object");
        }
    }

    ToolException failure(String what) {
        return new ToolException(service + " " + what);
    }

    private String failure(OutboundHttp.Reply reply) {
        String detail = errorDetail(reply);
        String suffix = detail == null ? "" : ": " + detail;
        return switch (reply.status()) {
            case 401, 403 -> service + " refused the credentials (HTTP " + reply.status() + ")" + suffix;
            case 429 -> service + " is rate limiting requests (HTTP 429)" + suffix;
            default -> service + " answered HTTP " + reply.status() + suffix;
        };
    }

    /** The upstream's own error message when its body is JSON ({@code error.message}, {@code message}…). */
    private static String errorDetail(OutboundHttp.Reply reply) {
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            JsonObject body = reader.readObject();
            JsonValue error = body.get("error");
            String message = error instanceof JsonObject e ? e.getString("message", null)
                    : error != null && error.getValueType() == JsonValue.ValueType.STRING ? body.getString("error") : null;
            if (message == null) {
                message = body.getString("message", body.getString("info", null));
            }
            return message == null ? null : shorten(message, 300);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String shorten(String text, int max) {
        String flat = text.strip();
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }
}
