package io.llmops.platform.error;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/**
 * A body that is not valid JSON, or not of the expected shape: 400 malformed_json. JAX-RS wraps the
 * JSON-B failure in a ProcessingException; other processing failures stay unexpected (500).
 */
@Provider
public class MalformedJson implements ExceptionMapper<ProcessingException> {

    static boolean isMalformedJson(Throwable e) {
        return ApiExceptions.cause(e, JsonbException.class) != null || ApiExceptions.cause(e, JsonException.class) != null;
    }

    static Response response() {
        return Problems.response(Problems.of(400, "malformed_json",
                "The request body is not valid JSON of the expected shape", null, null), Map.of());
    }

    @Override
    public Response toResponse(ProcessingException e) {
        return isMalformedJson(e) ? response() : UnexpectedExceptionMapper.unexpected(e);
    }
}
