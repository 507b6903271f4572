package io.llmops.platform.web;

import io.llmops.platform.error.Problem;
import io.llmops.platform.error.Problems;
import io.llmops.platform.json.JsonbProvider;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns errors raised by the container itself (MP-JWT rejecting a token, oversized posts,
 * routes outside JAX-RS) into problem+json, so no HTML error page ever reaches a client.
 * Registered as the error page for every status in web.xml.
 */
@WebServlet(name = "error-page", urlPatterns = "/__error")
public class ErrorPageServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer value ? value : 404;
        String code = Problems.codeFor(status);
        String detail = switch (status) {
            case 401 -> "A valid bearer token is required";
            case 404 -> "No resource at this address";
            case 413 -> "The request body is larger than allowed";
            default -> Problems.title(status);
        };
        String errorId = null;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status >= 500) {
            errorId = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected error error_id=" + errorId, failure instanceof Throwable t ? t : null);
            detail = "Unexpected error; quote error id " + errorId + " when reporting it";
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        // MP-JWT rejects a bad token before any filter runs, so the id may not be assigned yet
        String requestId = RequestIds.assign(request, response);
        Problem problem = new Problem("about:blank", Problems.title(status), status, code, detail,
                uri == null ? null : uri.toString(), requestId, errorId,
                null);
        response.setStatus(status);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JsonbProvider.shared().toJson(problem));
    }
}
