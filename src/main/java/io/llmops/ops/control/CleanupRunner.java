package io.llmops.ops.control;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Runs a clean-up's steps batch by batch, each batch in a new transaction that first takes the job's
 * advisory lock on its own connection ({@link AdvisoryLock}):
 * <ul>
 *   <li>the lock refused on the first batch: another instance is running the job; this run is {@code skipped};</li>
 *   <li>refused later (another instance took over between two of our batches): this run stops, {@code ok} —
 *       the other instance goes on with the same work, and no batch ever runs on two instances at once;</li>
 *   <li>a batch throws: it is rolled back, the run stops with {@code error}; the next run picks up where the
 *       committed batches left off, so every step must be idempotent (it selects what is still due).</li>
 * </ul>
 * Small transactions keep a long clean-up clear of the container's transaction timeout, whose rollback
 * would otherwise undo all of it and let the timer run the same work again and again.
 */
public final class CleanupRunner {

    /** Runs work in a new transaction on one connection: committed when it returns, rolled back when it throws. */
    @FunctionalInterface
    public interface Transactions {
        <T> T inNewTransaction(Work<T> work) throws Exception;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    private static final int LOCKED = -1;

    private final Transactions transactions;
    private final Clock clock;
    private final int batchSize;
    private final int maxBatches;

    /** @param maxBatches most batches in one run (all steps together); the rest waits for the next run */
    public CleanupRunner(Transactions transactions, Clock clock, int batchSize, int maxBatches) {
        if (batchSize < 1 || maxBatches < 1) {
            throw new IllegalArgumentException("batch size and batch limit must be positive");
        }
        this.transactions = transactions;
        this.clock = clock;
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
    }

    public CleanupOutcome run(CleanupJob job, List<CleanupStep> steps) {
        Instant started = clock.instant();
        CleanupCounts done = new CleanupCounts();
        int batches = 0;
        try {
            for (CleanupStep step : steps) {
                while (true) {
                    if (batches == maxBatches) {
                        return outcome(job, CleanupOutcome.Status.OK, "stopped after " + maxBatches
                                + " batches; the rest is cleaned by the next run", done, started);
                    }
                    CleanupCounts batch = new CleanupCounts();
                    int seen = transactions.inNewTransaction(connection -> AdvisoryLock.tryTransactionLock(connection, job.lockKey())
                            ? step.batch(connection, batchSize, batch) : LOCKED);
                    if (seen == LOCKED) {
                        return batches == 0
                                ? outcome(job, CleanupOutcome.Status.SKIPPED, "another instance is running this clean-up", done, started)
                                : outcome(job, CleanupOutcome.Status.OK, "another instance took over after " + batches + " batches",
                                done, started);
                    }
                    batches++;
                    done.addAll(batch);
                    if (seen < batchSize) {
                        break;
                    }
                }
            }
            return outcome(job, CleanupOutcome.Status.OK, "", done, started);
        } catch (Exception e) {
            return outcome(job, CleanupOutcome.Status.ERROR, describe(e), done, started);
        }
    }

    private CleanupOutcome outcome(CleanupJob job, CleanupOutcome.Status status, String message, CleanupCounts counts,
                                   Instant started) {
        return new CleanupOutcome(job, status, message, counts.asMap(), started, clock.instant());
    }

    /** The exception's type and message (and its cause's), short enough for a health check, never a stack trace. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 300; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage().strip());
            }
        }
        return text.length() > 300 ? text.substring(0, 297) + "..." : text.toString();
    }
}
