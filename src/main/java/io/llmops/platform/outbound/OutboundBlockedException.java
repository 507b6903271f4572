package io.llmops.platform.outbound;

import java.io.IOException;

/**
 * The SSRF guard refused a target: a scheme other than http(s), or a host that is or resolves to a
 * loopback, link-local, private, unique-local or otherwise internal address not on the operator's
 * allow-list. Callers report it as {@code ssrf_blocked}.
 */
public final class OutboundBlockedException extends IOException {

    public static final String CODE = "ssrf_blocked";

    public OutboundBlockedException(String message) {
        super(message);
    }
}
