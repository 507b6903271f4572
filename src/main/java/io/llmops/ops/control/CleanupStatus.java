package io.llmops.ops.control;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The last outcome of each clean-up on this instance, and the totals it removed since start-up; thread-safe. */
public final class CleanupStatus {

    private final Map<CleanupJob, CleanupOutcome> last = new EnumMap<>(CleanupJob.class);
    private final Map<CleanupJob, CleanupOutcome> lastWorked = new EnumMap<>(CleanupJob.class);
    private final Map<CleanupJob, CleanupCounts> totals = new EnumMap<>(CleanupJob.class);

    public synchronized void record(CleanupOutcome outcome) {
        last.put(outcome.job(), outcome);
        if (outcome.status() != CleanupOutcome.Status.SKIPPED) {
            lastWorked.put(outcome.job(), outcome);
        }
        CleanupCounts total = totals.computeIfAbsent(outcome.job(), job -> new CleanupCounts());
        outcome.counts().forEach(total::add);
    }

    /** The latest run, skipped or not. */
    public synchronized Optional<CleanupOutcome> last(CleanupJob job) {
        return Optional.ofNullable(last.get(job));
    }

    /** The latest run that held the lock and worked (ok or error). */
    public synchronized Optional<CleanupOutcome> lastWorked(CleanupJob job) {
        return Optional.ofNullable(lastWorked.get(job));
    }

    public synchronized long total(CleanupJob job, String kind) {
        CleanupCounts total = totals.get(job);
        return total == null ? 0 : total.get(kind);
    }
}
