package io.llmops.ops.boundary;

import io.llmops.ops.control.CleanupSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code llmops.cleanup.*} keys (README's configuration table), checked into one {@link CleanupSettings}. */
@ApplicationScoped
public class CleanupConfig {

    @Inject
    @ConfigProperty(name = "llmops.cleanup.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "llmops.cleanup.interval-seconds", defaultValue = "600")
    long intervalSeconds;

    @Inject
    @ConfigProperty(name = "llmops.cleanup.upload-ttl-hours", defaultValue = "24")
    long uploadTtlHours;

    @Inject
    @ConfigProperty(name = "llmops.cleanup.purge-delay-minutes", defaultValue = "60")
    long purgeDelayMinutes;

    @Inject
    @ConfigProperty(name = "llmops.cleanup.debug-conversation-retention-days", defaultValue = "30")
    long debugRetentionDays;

    @Inject
    @ConfigProperty(name = "llmops.cleanup.batch-size", defaultValue = "500")
    int batchSize;

    @Inject
    @ConfigProperty(name = "llmops.cleanup.max-batches-per-run", defaultValue = "2000")
    int maxBatchesPerRun;

    /** Dependent (a record cannot be proxied); checked where it is first injected, at start-up by {@link CleanupTimers}. */
    @Produces
    @Dependent
    CleanupSettings settings() {
        return CleanupSettings.of(enabled, intervalSeconds, uploadTtlHours, purgeDelayMinutes, debugRetentionDays,
                batchSize, maxBatchesPerRun);
    }
}
