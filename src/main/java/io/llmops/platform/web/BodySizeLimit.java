package io.llmops.platform.web;

import io.llmops.platform.error.ApiException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over {@code llmops.http.max-json-body} (default 1 MiB) with 413
 * payload_too_large, whether the size is declared or the body is chunked, and bodies carrying NUL
 * characters with 400 invalid_characters. Multipart uploads have their own limits where accepted.
 */
@Provider
@ApplicationScoped
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class BodySizeLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "llmops.http.max-json-body", defaultValue = "1048576")
    long maxBody;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!request.hasEntity() || isMultipart(request.getMediaType())) {
            return;
        }
        if (request.getLength() > maxBody) {
            throw tooLarge();
        }
        // unknown or declared length: read at most one byte more than allowed to be sure
        InputStream body = request.getEntityStream();
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
        if (bytes.length > maxBody) {
            throw tooLarge();
        }
        if (containsNul(bytes)) {
            throw new ApiException(400, "invalid_characters", "Text must not contain NUL characters");
        }
        request.setEntityStream(new ByteArrayInputStream(bytes));
    }

    /** A raw NUL byte or a JSON \\u0000 escape: no text field may hold one (PostgreSQL refuses them too). */
    static boolean containsNul(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                return true;
            }
            if (body[i] == '\\' && i + 5 < body.length && body[i + 1] == 'u' && body[i + 2] == '0' && body[i + 3] == '0'
                    && body[i + 4] == '0' && body[i + 5] == '0' && !escaped(body, i)) {
                return true;
            }
        }
        return false;
    }

    /** True when the backslash at {@code index} is itself escaped by an odd run of backslashes before it. */
    private static boolean escaped(byte[] body, int index) {
        int run = 0;
        for (int j = index - 1; j >= 0 && body[j] == '\\'; j--) {
            run++;
        }
        return run % 2 == 1;
    }

    private static boolean isMultipart(MediaType type) {
        return type != null && "multipart".equalsIgnoreCase(type.getType());
    }

    private ApiException tooLarge() {
        return new ApiException(413, "payload_too_large", "The request body is larger than " + maxBody + " bytes");
    }
}
