package io.llmops.platform.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException e) {
        return Problems.response(Problems.of(e.status(), e.code(), e.getMessage(), e.errors(), null), e.headers());
    }
}
