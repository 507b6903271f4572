package io.llmops.platform.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything nobody expected: 500 internal_error with an error id that is logged with the stack trace,
 * so support can find it; the client never sees the exception, its message or SQL.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    static Response unexpected(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error error_id=" + errorId, e);
        return Problems.response(Problems.of(500, "internal_error",
                "Unexpected error; quote error id " + errorId + " when reporting it", null, errorId), Map.of());
    }

    @Override
    public Response toResponse(Throwable e) {
        ApiException api = ApiExceptions.find(e);
        if (api != null) {
            return new ApiExceptionMapper().toResponse(api);
        }
        return unexpected(e);
    }
}
