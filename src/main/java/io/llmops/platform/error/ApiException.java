package io.llmops.platform.error;

import java.util.List;
import java.util.Map;

/**
 * A failure the client caused or must know about, carrying its HTTP status and stable code.
 * Thrown anywhere below the resources and turned into problem+json by {@link ApiExceptionMapper}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, List.of(), Map.of());
    }

    public ApiException(int status, String code, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found");
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(400, code, detail);
    }

    public static ApiException invalidField(String field, String message) {
        return new ApiException(400, "validation_failed", "The request has invalid fields",
                List.of(new FieldError(field, message)), Map.of());
    }

    public static ApiException unauthorized(String code, String detail) {
        return new ApiException(401, code, detail, List.of(), Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(409, code, detail);
    }

    public static ApiException rateLimited(long retryAfterSeconds) {
        return new ApiException(429, "rate_limited", "Too many attempts; retry after " + retryAfterSeconds + " s",
                List.of(), Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
