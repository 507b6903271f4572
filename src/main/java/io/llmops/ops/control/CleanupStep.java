package io.llmops.ops.control;

import java.sql.Connection;

/**
 * One phase of a clean-up (say, "segments of deleted documents"), done a batch at a time. Each call runs
 * in its own transaction on the connection that holds the job's advisory lock, so a batch either
 * commits whole or leaves nothing half done; a step keeps what it needs between batches (a cursor).
 */
@FunctionalInterface
public interface CleanupStep {

    /**
     * Cleans at most {@code batchSize} candidates and records what it removed in {@code counts}.
     * @return how many candidates it looked at: fewer than {@code batchSize} ends the step
     */
    int batch(Connection connection, int batchSize, CleanupCounts counts) throws Exception;
}
