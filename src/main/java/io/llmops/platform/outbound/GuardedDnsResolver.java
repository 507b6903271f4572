package io.llmops.platform.outbound;

import org.apache.hc.client5.http.DnsResolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The HTTP client's only way from a host to addresses: every address is checked by the
 * {@link SsrfGuard} in the same step it is resolved, and only checked addresses are handed back, so
 * the connection goes where the check looked (no second lookup for DNS rebinding to exploit). IP
 * literals come through here too.
 */
final class GuardedDnsResolver implements DnsResolver {

    /** Carries a refusal through the client, which only lets {@link UnknownHostException} out of a resolver. */
    static final class Refused extends UnknownHostException {
        Refused(OutboundBlockedException cause) {
            super(cause.getMessage());
            initCause(cause);
        }
    }

    private final SsrfGuard guard;

    GuardedDnsResolver(SsrfGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        try {
            return guard.resolve(host).toArray(InetAddress[]::new);
        } catch (OutboundBlockedException e) {
            throw new Refused(e);
        }
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return java.util.Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        // only used for SPNEGO/Kerberos, which this client never does; no reverse lookups
        return host;
    }
}
