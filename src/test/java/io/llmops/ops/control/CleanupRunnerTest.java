package io.llmops.ops.control;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The batch loop and its advisory lock, against the machine's real PostgreSQL (database {@code postgres}:
 * advisory locks need no table, and they are per database, so a running IT server is not disturbed).
 * Each "instance" is a runner whose batches each open their own connection, as the pool does.
 */
class CleanupRunnerTest {

    private static final String URL = env("LLMOPS_IT_DATABASE_ADMIN_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("LLMOPS_IT_DATABASE_USER", "postgres");
    private static final String PASSWORD = env("LLMOPS_IT_DATABASE_PASSWORD", "");
    private static final CleanupJob JOB = CleanupJob.UNUSED_UPLOADS;

    @BeforeAll
    static void postgresIsThere() {
        try (Connection ignored = connect()) {
            // reachable
        } catch (SQLException e) {
            assumeTrue(false, "PostgreSQL is not reachable at " + URL + " (" + e.getMessage() + "): advisory lock tests skipped");
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /** A new connection and transaction per batch: committed when the work returns, rolled back when it throws. */
    private static final CleanupRunner.Transactions TRANSACTIONS = new CleanupRunner.Transactions() {
        @Override
        public <T> T inNewTransaction(CleanupRunner.Work<T> work) throws Exception {
            try (Connection connection = connect()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (Exception e) {
                    connection.rollback();
                    throw e;
                }
            }
        }
    };

    private static CleanupRunner runner(int batchSize, int maxBatches) {
        return new CleanupRunner(TRANSACTIONS, Clock.systemUTC(), batchSize, maxBatches);
    }

    /** A step with {@code total} candidates, cleaning them a batch at a time. */
    private static CleanupStep candidates(int total, AtomicInteger batches) {
        int[] left = {total};
        return (connection, batchSize, counts) -> {
            batches.incrementAndGet();
            int n = Math.min(left[0], batchSize);
            left[0] -= n;
            counts.add("rows", n);
            return n;
        };
    }

    @Test
    void stepsRunInBatchesUntilAShortOne() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();

        CleanupOutcome outcome = runner(10, 100).run(JOB, List.of(candidates(25, first), candidates(20, second)));

        assertThat(outcome.status()).isEqualTo(CleanupOutcome.Status.OK);
        assertThat(outcome.count("rows")).isEqualTo(45);
        assertThat(first).hasValue(3);      // 10, 10, 5
        assertThat(second).hasValue(3);     // 10, 10, 0: a full batch may hide more
        assertThat(outcome.finishedAt()).isAfterOrEqualTo(outcome.startedAt());
    }

    @Test
    void failingBatchIsRolledBackAndCountsOnlyCommittedOnes() throws Exception {
        String table = "cleanup_runner_test_" + ProcessHandle.current().pid();
        try (Connection setup = connect()) {
            setup.createStatement().execute("create table if not exists " + table + " (n int)");
            setup.createStatement().execute("truncate " + table);
        }
        try {
            AtomicInteger batch = new AtomicInteger();
            CleanupStep step = (connection, batchSize, counts) -> {
                connection.createStatement().execute("insert into " + table + " values (" + batch.incrementAndGet() + ")");
                counts.add("rows", batchSize);
                if (batch.get() == 2) {
                    throw new SQLException("disk on fire");
                }
                return batchSize;
            };

            CleanupOutcome outcome = runner(5, 100).run(JOB, List.of(step));

            assertThat(outcome.status()).isEqualTo(CleanupOutcome.Status.ERROR);
            assertThat(outcome.message()).isEqualTo("SQLException: disk on fire");
            assertThat(outcome.count("rows")).isEqualTo(5);
            try (Connection check = connect(); var rs = check.createStatement().executeQuery("select array_agg(n) from " + table)) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("{1}");
            }
        } finally {
            try (Connection cleanup = connect()) {
                cleanup.createStatement().execute("drop table if exists " + table);
            }
        }
    }

    @Test
    void runStopsAtItsBatchLimitAndLeavesTheRestForNextTime() {
        AtomicInteger batches = new AtomicInteger();

        CleanupOutcome outcome = runner(10, 4).run(JOB, List.of(candidates(1000, batches)));

        assertThat(outcome.status()).isEqualTo(CleanupOutcome.Status.OK);
        assertThat(outcome.message()).contains("stopped after 4 batches");
        assertThat(outcome.count("rows")).isEqualTo(40);
        assertThat(batches).hasValue(4);
    }

    @Test
    void concurrentRunDoesNoWorkWhileAnotherHoldsTheLock() throws Exception {
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger aBatches = new AtomicInteger();
        CleanupStep slow = (connection, batchSize, counts) -> {
            if (aBatches.incrementAndGet() == 1) {
                firstBatchStarted.countDown();
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            }
            counts.add("rows", 1);
            return 0;
        };
        CompletableFuture<CleanupOutcome> a = CompletableFuture.supplyAsync(() -> runner(10, 100).run(JOB, List.of(slow)));
        assertThat(firstBatchStarted.await(30, TimeUnit.SECONDS)).isTrue();

        AtomicInteger bBatches = new AtomicInteger();
        CleanupOutcome b = runner(10, 100).run(JOB, List.of(candidates(50, bBatches)));
        // another job has its own lock and is not held up
        AtomicInteger otherJob = new AtomicInteger();
        CleanupOutcome other = runner(10, 100).run(CleanupJob.DEBUG_CONVERSATIONS, List.of(candidates(5, otherJob)));
        release.countDown();

        assertThat(b.status()).isEqualTo(CleanupOutcome.Status.SKIPPED);
        assertThat(b.message()).contains("another instance");
        assertThat(b.counts()).isEmpty();
        assertThat(bBatches).hasValue(0);
        assertThat(other.status()).isEqualTo(CleanupOutcome.Status.OK);
        assertThat(otherJob).hasValue(1);
        assertThat(a.get(30, TimeUnit.SECONDS).status()).isEqualTo(CleanupOutcome.Status.OK);
        assertThat(a.get().count("rows")).isEqualTo(1);

        // the lock went with A's transaction: the next run works
        AtomicInteger later = new AtomicInteger();
        assertThat(runner(10, 100).run(JOB, List.of(candidates(5, later))).status()).isEqualTo(CleanupOutcome.Status.OK);
        assertThat(later).hasValue(1);
    }

    @Test
    void runYieldsWhenAnotherInstanceTakesTheLockBetweenBatches() throws Exception {
        try (Connection other = connect()) {
            other.setAutoCommit(false);
            AtomicInteger batches = new AtomicInteger();
            CleanupStep step = (connection, batchSize, counts) -> {
                counts.add("rows", batchSize);
                return batchSize;
            };
            CleanupStep grabbing = (connection, batchSize, counts) -> {
                batches.incrementAndGet();
                return step.batch(connection, batchSize, counts);
            };
            CleanupRunner.Transactions grabAfterFirst = new CleanupRunner.Transactions() {
                @Override
                public <T> T inNewTransaction(CleanupRunner.Work<T> work) throws Exception {
                    T result = TRANSACTIONS.inNewTransaction(work);
                    // after our first batch commits, the "other instance" takes the lock before our next one
                    if (batches.get() == 1) {
                        assertThat(AdvisoryLock.tryTransactionLock(other, JOB.lockKey())).isTrue();
                    }
                    return result;
                }
            };

            CleanupOutcome outcome = new CleanupRunner(grabAfterFirst, Clock.systemUTC(), 10, 100).run(JOB, List.of(grabbing));

            assertThat(outcome.status()).isEqualTo(CleanupOutcome.Status.OK);
            assertThat(outcome.message()).isEqualTo("another instance took over after 1 batches");
            assertThat(outcome.count("rows")).isEqualTo(10);
            other.rollback();
        }
    }

    @Test
    void transactionLockIsRefusedOutsideATransaction() throws Exception {
        try (Connection connection = connect()) {
            assertThatThrownBy(() -> AdvisoryLock.tryTransactionLock(connection, JOB.lockKey()))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void errorMessagesAreShortAndNameTheCause() {
        Exception e = new IllegalStateException("outer", new java.io.IOException("x".repeat(500)));

        String text = CleanupRunner.describe(e);

        assertThat(text).startsWith("IllegalStateException: outer <- IOException: xxx").hasSizeLessThanOrEqualTo(300);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
