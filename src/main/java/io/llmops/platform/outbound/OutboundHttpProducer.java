package io.llmops.platform.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/** The shared {@link OutboundHttp}, with timeouts, body cap and SSRF allow-list from configuration. */
@ApplicationScoped
public class OutboundHttpProducer {

    private static final Logger LOG = Logger.getLogger(OutboundHttpProducer.class.getName());

    @Inject
    @ConfigProperty(name = "llmops.http.connect-timeout-ms", defaultValue = "5000")
    long connectTimeoutMillis;

    @Inject
    @ConfigProperty(name = "llmops.http.read-timeout-ms", defaultValue = "30000")
    long readTimeoutMillis;

    @Inject
    @ConfigProperty(name = "llmops.http.max-response-bytes", defaultValue = "2097152")
    int maxResponseBytes;

    @Inject
    @ConfigProperty(name = "llmops.ssrf.allowlist")
    Optional<String> ssrfAllowlist;

    /** Parses the allow-list at deployment, so a malformed entry stops the server instead of surfacing on first use. */
    void validate(@Observes @Initialized(ApplicationScoped.class) Object started) {
        guard();
        LOG.info(() -> "SSRF allow-list: " + ssrfAllowlist.filter(s -> !s.isBlank()).orElse("(empty)"));
    }

    private SsrfGuard guard() {
        return new SsrfGuard(ssrfAllowlist.orElse(""));
    }

    @Produces
    @Singleton
    OutboundHttp outboundHttp() {
        return new OutboundHttp(Duration.ofMillis(connectTimeoutMillis), Duration.ofMillis(readTimeoutMillis),
                maxResponseBytes, guard());
    }

    void close(@Disposes OutboundHttp http) throws IOException {
        http.close();
    }
}
