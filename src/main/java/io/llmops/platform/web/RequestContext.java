package io.llmops.platform.web;

/**
 * The id and path of the request the current thread serves, for problem documents and log lines.
 * Set by {@link RequestIdFilter} around every request; empty outside a request.
 */
public final class RequestContext {

    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();
    private static final ThreadLocal<String> PATH = new ThreadLocal<>();

    private RequestContext() {
    }

    static void enter(String requestId, String path) {
        REQUEST_ID.set(requestId);
        PATH.set(path);
    }

    static void leave() {
        REQUEST_ID.remove();
        PATH.remove();
    }

    public static String requestId() {
        return REQUEST_ID.get();
    }

    public static String path() {
        return PATH.get();
    }
}
