package io.llmops.platform.error;

/** Finds an {@link ApiException} wrapped by a container layer (EJB, CDI interceptors, transactions). */
public final class ApiExceptions {

    private ApiExceptions() {
    }

    public static ApiException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
