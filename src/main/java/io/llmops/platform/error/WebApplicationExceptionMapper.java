package io.llmops.platform.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;

/** JAX-RS' own failures (no route, wrong method or media type, unreadable body) as problem+json. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return UnexpectedExceptionMapper.unexpected(e);
        }
        if (status == 400 && ApiExceptions.cause(e, NoContentException.class) != null) {
            return new ApiExceptionMapper().toResponse(ApiException.invalidField("body", "is required"));
        }
        if (status == 400 && MalformedJson.isMalformedJson(e)) {
            return MalformedJson.response();
        }
        String detail = switch (status) {
            case 404 -> "No resource at this address";
            case 405 -> "This resource does not accept this method";
            case 406 -> "This resource cannot answer in the requested media type";
            case 415 -> "This resource does not accept this media type";
            case 401 -> "A valid bearer token is required";
            case 403 -> "This account may not do that";
            default -> e.getMessage() == null ? Problems.title(status) : safe(e.getMessage());
        };
        Map<String, String> headers = status == 405
                ? Map.of("Allow", String.join(", ", e.getResponse().getAllowedMethods()))
                : status == 401 ? Map.of("WWW-Authenticate", "Bearer") : Map.of();
        return Problems.response(Problems.of(status, Problems.codeFor(status), detail, List.of(), null), headers);
    }

    /** JAX-RS messages are generic ("HTTP 400 Bad Request"), but never pass on anything long. */
    private static String safe(String message) {
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
