package io.llmops.ops.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How one run of a clean-up went: {@code ok} (everything due was cleaned, or the run stopped at its batch
 * limit and goes on next time), {@code skipped} (another instance held the job's lock) or {@code error}
 * (a batch failed and was rolled back; the message says why). Counts are those of committed batches.
 */
public record CleanupOutcome(CleanupJob job, Status status, String message, Map<String, Long> counts,
                             Instant startedAt, Instant finishedAt) {

    public enum Status {
        OK, SKIPPED, ERROR;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public CleanupOutcome {
        counts = Map.copyOf(counts);
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    public long count(String kind) {
        return counts.getOrDefault(kind, 0L);
    }
}
