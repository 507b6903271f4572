package io.llmops.ops.control;

import java.time.Duration;
import java.util.Optional;

/**
 * The clean-ups' configuration, checked once: a bad value refuses the start rather than cleaning too
 * much or never. {@code debugRetention} empty keeps debug conversations forever.
 */
public record CleanupSettings(boolean enabled, Duration interval, Duration uploadTtl, Duration purgeDelay,
                              Optional<Duration> debugRetention, int batchSize, int maxBatchesPerRun) {

    public static final int MAX_BATCH_SIZE = 10_000;

    public CleanupSettings {
        require(interval.compareTo(Duration.ofSeconds(1)) >= 0, "llmops.cleanup.interval-seconds must be at least 1");
        require(uploadTtl.compareTo(Duration.ofHours(1)) >= 0, "llmops.cleanup.upload-ttl-hours must be at least 1");
        require(!purgeDelay.isNegative(), "llmops.cleanup.purge-delay-minutes must not be negative");
        require(debugRetention.map(d -> d.compareTo(Duration.ofDays(1)) >= 0).orElse(true),
                "llmops.cleanup.debug-conversation-retention-days must be 0 (keep) or at least 1");
        require(batchSize >= 1 && batchSize <= MAX_BATCH_SIZE, "llmops.cleanup.batch-size must be 1–" + MAX_BATCH_SIZE);
        require(maxBatchesPerRun >= 1, "llmops.cleanup.max-batches-per-run must be at least 1");
    }

    /** From the configured numbers (as README documents them). */
    public static CleanupSettings of(boolean enabled, long intervalSeconds, long uploadTtlHours, long purgeDelayMinutes,
                                     long debugRetentionDays, int batchSize, int maxBatchesPerRun) {
        require(debugRetentionDays >= 0, "llmops.cleanup.debug-conversation-retention-days must be 0 (keep) or at least 1");
        return new CleanupSettings(enabled, Duration.ofSeconds(intervalSeconds), Duration.ofHours(uploadTtlHours),
                Duration.ofMinutes(purgeDelayMinutes),
                debugRetentionDays == 0 ? Optional.empty() : Optional.of(Duration.ofDays(debugRetentionDays)),
                batchSize, maxBatchesPerRun);
    }

    /** The first run comes one interval after start-up, but not before 30 s (the server is still busy starting) nor after a minute. */
    public Duration initialDelay() {
        Duration earliest = Duration.ofSeconds(30);
        Duration latest = Duration.ofMinutes(1);
        return interval.compareTo(earliest) < 0 ? earliest : interval.compareTo(latest) > 0 ? latest : interval;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
