package io.llmops.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request's id: already assigned, else the caller's sane {@code X-Request-Id}, else a new UUID. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** Assigns the id once per request (attribute and response header) and returns it. */
    public static String assign(HttpServletRequest request, HttpServletResponse response) {
        Object assigned = request.getAttribute(HEADER);
        if (assigned != null) {
            return assigned.toString();
        }
        String incoming = request.getHeader(HEADER);
        String id = incoming != null && SAFE_ID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        request.setAttribute(HEADER, id);
        response.setHeader(HEADER, id);
        return id;
    }
}
