package io.llmops.platform.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The shared {@link OutboundHttp}, with timeouts (per read and for the whole call), body cap and SSRF
 * allow-list from configuration, and the one {@link SsrfGuard} (also the model clients'). A malformed
 * allow-list fails their creation, which {@code StartupChecks} does at deployment.
 */
@ApplicationScoped
public class OutboundHttpProducer {

    @Inject
    @ConfigProperty(name = "llmops.http.connect-timeout-ms", defaultValue = "5000")
    long connectTimeoutMillis;

    @Inject
    @ConfigProperty(name = "llmops.http.read-timeout-ms", defaultValue = "30000")
    long readTimeoutMillis;

    @Inject
    @ConfigProperty(name = "llmops.http.total-timeout-ms", defaultValue = "60000")
    long totalTimeoutMillis;

    @Inject
    @ConfigProperty(name = "llmops.http.max-response-bytes", defaultValue = "2097152")
    int maxResponseBytes;

    @Inject
    @ConfigProperty(name = "llmops.ssrf.allowlist")
    Optional<String> ssrfAllowlist;

    @Produces
    @Singleton
    SsrfGuard ssrfGuard() {
        return new SsrfGuard(ssrfAllowlist.orElse(""));
    }

    @Produces
    @Singleton
    OutboundHttp outboundHttp(SsrfGuard guard) {
        return new OutboundHttp(Duration.ofMillis(connectTimeoutMillis), Duration.ofMillis(readTimeoutMillis),
                Duration.ofMillis(Math.max(1, totalTimeoutMillis)), maxResponseBytes, guard);
    }

    void close(@Disposes OutboundHttp http) throws IOException {
        http.close();
    }
}
