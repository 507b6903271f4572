package io.llmops.knowledge.boundary;

import io.llmops.knowledge.control.Spool;
import io.llmops.platform.error.ApiException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.InputStream;

/**
 * The upload endpoints' own body cap (the platform's {@code BodySizeLimit} leaves multipart alone):
 * after authentication and before any multipart parsing, a declared length over the cap is refused
 * at once, and any other body is copied to a spool file while counted, stopping at one byte over
 * the cap: 413 payload_too_large either way, whether the body is declared or chunked. The cap is
 * the file cap plus room for the multipart framing; the file itself is held to its exact cap later.
 * Anything but multipart/form-data is refused here with 415 (the resource declares no {@code @Consumes}).
 */
@Provider
@ApplicationScoped
@Priority(Priorities.USER)
public class UploadBodyLimit implements ContainerRequestFilter, ContainerResponseFilter {

    /** Boundaries, part headers and a few small fields around the file. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;
    private static final String SPOOL = UploadBodyLimit.class.getName() + ".spool";
    private static final String STREAM = UploadBodyLimit.class.getName() + ".stream";

    @Inject
    UploadSettings settings;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        long cap = cap(request);
        if (cap < 0) {
            return;
        }
        if (!request.hasEntity() || !MediaType.MULTIPART_FORM_DATA_TYPE.isCompatible(request.getMediaType())) {
            throw new NotSupportedException("Send the file as multipart/form-data in a part named 'file'");
        }
        long limit = cap + MULTIPART_OVERHEAD;
        if (request.getLength() > limit) {
            throw Spool.tooLarge(cap);
        }
        Spool spool;
        try {
            spool = Spool.of(request.getEntityStream(), limit, settings.spoolDirectory());
        } catch (ApiException tooLarge) {
            throw Spool.tooLarge(cap);
        } catch (IOException e) {
            throw ApiException.badRequest("upload_incomplete", "The upload ended early");
        }
        InputStream body = spool.open();
        request.setProperty(SPOOL, spool);
        request.setProperty(STREAM, body);
        request.setEntityStream(body);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        if (request.getProperty(STREAM) instanceof InputStream body) {
            body.close();
        }
        if (request.getProperty(SPOOL) instanceof Spool spool) {
            spool.close();
        }
    }

    /** The file cap of the request's upload endpoint, or -1 for every other request. */
    private long cap(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod())) {
            return -1;
        }
        String path = request.getUriInfo().getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return switch (path) {
            case "api/upload-files" -> settings.maxFileBytes();
            case "api/upload-files/image" -> settings.maxImageBytes();
            default -> -1;
        };
    }
}
