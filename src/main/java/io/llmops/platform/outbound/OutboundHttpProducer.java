package io.llmops.platform.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The shared {@link OutboundHttp}, with timeouts and body cap from configuration. */
@ApplicationScoped
public class OutboundHttpProducer {

    @Inject
    @ConfigProperty(name = "llmops.http.connect-timeout-ms", defaultValue = "5000")
    long connectTimeoutMillis;

    @Inject
    @ConfigProperty(name = "llmops.http.read-timeout-ms", defaultValue = "30000")
    long readTimeoutMillis;

    @Inject
    @ConfigProperty(name = "llmops.http.max-response-bytes", defaultValue = "2097152")
    int maxResponseBytes;

    @Produces
    @Singleton
    OutboundHttp outboundHttp() {
        return new OutboundHttp(Duration.ofMillis(connectTimeoutMillis), Duration.ofMillis(readTimeoutMillis),
                maxResponseBytes);
    }
}
