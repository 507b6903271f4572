package io.llmops.ops.control;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CleanupStatusTest {

    private static CleanupOutcome outcome(CleanupOutcome.Status status, Map<String, Long> counts, long at) {
        return new CleanupOutcome(CleanupJob.UNUSED_UPLOADS, status, "", counts, Instant.ofEpochSecond(at),
                Instant.ofEpochSecond(at + 1));
    }

    @Test
    void skippedRunIsTheLastRunButNotTheLastWorkedOne() {
        CleanupStatus status = new CleanupStatus();
        CleanupOutcome worked = outcome(CleanupOutcome.Status.OK, Map.of("uploads", 3L), 100);
        CleanupOutcome skipped = outcome(CleanupOutcome.Status.SKIPPED, Map.of(), 200);

        status.record(worked);
        status.record(skipped);

        assertThat(status.last(CleanupJob.UNUSED_UPLOADS)).contains(skipped);
        assertThat(status.lastWorked(CleanupJob.UNUSED_UPLOADS)).contains(worked);
        assertThat(status.last(CleanupJob.DEBUG_CONVERSATIONS)).isEmpty();
    }

    @Test
    void totalsAddUpEveryRun() {
        CleanupStatus status = new CleanupStatus();

        status.record(outcome(CleanupOutcome.Status.OK, Map.of("uploads", 3L, "files", 3L), 100));
        status.record(outcome(CleanupOutcome.Status.ERROR, Map.of("uploads", 2L), 200));

        assertThat(status.total(CleanupJob.UNUSED_UPLOADS, "uploads")).isEqualTo(5);
        assertThat(status.total(CleanupJob.UNUSED_UPLOADS, "files")).isEqualTo(3);
        assertThat(status.total(CleanupJob.DELETED_KNOWLEDGE, "uploads")).isZero();
    }

    @Test
    void jobsHaveDistinctLockKeysInOurOwnSpace() {
        assertThat(CleanupJob.values()).extracting(CleanupJob::lockKey).doesNotHaveDuplicates()
                .allMatch(key -> (key & 0xffff_ffff_ffff_0000L) == CleanupJob.LOCK_SPACE);
    }
}
