package io.llmops.platform.error;

import io.llmops.platform.web.RequestContext;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Builds problem documents and responses; the one place their shape is decided. */
public final class Problems {

    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
            Map.entry(409, "Conflict"), Map.entry(413, "Content Too Large"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(422, "Unprocessable Content"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"));

    /** The machine code used when only an HTTP status is known (container errors, JAX-RS exceptions). */
    private static final Map<Integer, String> CODES = Map.ofEntries(
            Map.entry(400, "bad_request"), Map.entry(401, "unauthorized"), Map.entry(403, "forbidden"),
            Map.entry(404, "not_found"), Map.entry(405, "method_not_allowed"), Map.entry(406, "not_acceptable"),
            Map.entry(409, "conflict"), Map.entry(413, "payload_too_large"), Map.entry(415, "unsupported_media_type"), Map.entry(422, "unprocessable_content"),
            Map.entry(429, "rate_limited"), Map.entry(500, "internal_error"), Map.entry(502, "bad_gateway"), Map.entry(503, "unavailable"));

    private Problems() {
    }

    public static String title(int status) {
        return TITLES.getOrDefault(status, status >= 500 ? "Server Error" : "Client Error");
    }

    public static String codeFor(int status) {
        return CODES.getOrDefault(status, status >= 500 ? "internal_error" : "bad_request");
    }

    public static Problem of(int status, String code, String detail, List<FieldError> errors, String errorId) {
        return new Problem("about:blank", title(status), status, code, detail, RequestContext.path(),
                RequestContext.requestId(), errorId, errors == null || errors.isEmpty() ? null : errors);
    }

    public static Response response(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        headers.forEach(builder::header);
        return builder.build();
    }

    public static Response response(int status, String code, String detail) {
        return response(of(status, code, detail, List.of(), null), Map.of());
    }
}
