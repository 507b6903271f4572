package io.llmops.model.boundary;

import io.llmops.model.control.ModelCatalog;
import io.llmops.model.control.ModelFactory;
import io.llmops.model.control.RetryPolicy;
import io.llmops.platform.outbound.SsrfGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The model factory with its timeout and retry policy from configuration, and the platform's SSRF guard. */
@ApplicationScoped
public class ModelFactoryProducer {

    static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    @Inject
    @ConfigProperty(name = "llmops.model.timeout-seconds", defaultValue = "60")
    long timeoutSeconds;

    @Inject
    @ConfigProperty(name = "llmops.model.max-retries", defaultValue = "2")
    int maxRetries;

    @Inject
    ModelCatalog catalog;

    @Inject
    SsrfGuard guard;

    @Produces
    @Singleton
    ModelFactory modelFactory() {
        Duration timeout = Duration.ofSeconds(Math.clamp(timeoutSeconds, 1, 3600));
        return new ModelFactory(catalog, timeout, new RetryPolicy(Math.clamp(maxRetries, 0, 10), INITIAL_BACKOFF, MAX_BACKOFF), guard);
    }

    void close(@Disposes ModelFactory factory) {
        factory.close();
    }
}
