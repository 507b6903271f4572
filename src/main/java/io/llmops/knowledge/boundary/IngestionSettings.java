package io.llmops.knowledge.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Ingestion job settings from configuration (README "Configuration", LLMOPS_INGEST_*). */
@ApplicationScoped
public class IngestionSettings {

    @Inject
    @ConfigProperty(name = "llmops.ingest.checkpoint-segments", defaultValue = "128")
    int checkpointSegments;

    @Inject
    @ConfigProperty(name = "llmops.ingest.heartbeat-seconds", defaultValue = "10")
    int heartbeatSeconds;

    @Inject
    @ConfigProperty(name = "llmops.ingest.stale-after-seconds", defaultValue = "60")
    int staleAfterSeconds;

    @Inject
    @ConfigProperty(name = "llmops.ingest.reconcile-interval-seconds", defaultValue = "30")
    int reconcileIntervalSeconds;

    @Inject
    @ConfigProperty(name = "llmops.ingest.concurrency", defaultValue = "2")
    int concurrency;

    /** Segments embedded and written per chunk (one transaction, one checkpoint). */
    public int checkpointSegments() {
        return Math.max(1, checkpointSegments);
    }

    public Duration heartbeat() {
        return Duration.ofSeconds(Math.max(1, heartbeatSeconds));
    }

    /** A document whose heartbeat is older is relaunched; also the lifetime of its Redis lease. */
    public Duration staleAfter() {
        return Duration.ofSeconds(Math.max(2L * heartbeat().toSeconds() + 1, staleAfterSeconds));
    }

    public Duration reconcileInterval() {
        return Duration.ofSeconds(Math.max(1, reconcileIntervalSeconds));
    }

    /** Documents of this instance embedding at the same time (the rest wait their turn). */
    public int concurrency() {
        return Math.max(1, concurrency);
    }
}
