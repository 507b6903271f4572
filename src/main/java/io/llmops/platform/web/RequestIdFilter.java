package io.llmops.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Gives every request an id ({@link RequestIds}).
 * The id is echoed in the response and appended to the thread name while the request runs, so every
 * log line the server writes for it (Payara prints the thread name in each record) carries it.
 */
@WebFilter(filterName = "request-id", urlPatterns = "/*", asyncSupported = true)
public class RequestIdFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String requestId = RequestIds.assign(request, response);
        Thread thread = Thread.currentThread();
        String threadName = thread.getName();
        thread.setName(threadName + " request_id=" + requestId);
        RequestContext.enter(requestId, request.getRequestURI());
        try {
            chain.doFilter(request, response);
        } finally {
            RequestContext.leave();
            thread.setName(threadName);
        }
    }
}
