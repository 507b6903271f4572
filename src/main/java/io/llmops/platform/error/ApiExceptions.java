package io.llmops.platform.error;

/** Finds causes wrapped by container layers (EJB, CDI interceptors, transactions, JAX-RS readers). */
public final class ApiExceptions {

    private ApiExceptions() {
    }

    /** The first {@link ApiException} in the cause chain, or null. */
    public static ApiException find(Throwable e) {
        return cause(e, ApiException.class);
    }

    /** The first throwable of {@code type} in the cause chain (the throwable itself included), or null. */
    public static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
