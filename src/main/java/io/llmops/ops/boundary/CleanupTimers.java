package io.llmops.ops.boundary;

import io.llmops.ops.control.CleanupJob;
import io.llmops.ops.control.CleanupOutcome;
import io.llmops.ops.control.CleanupRunner;
import io.llmops.ops.control.CleanupSettings;
import io.llmops.ops.control.CleanupStep;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scheduled clean-ups: one non-persistent interval timer per job ({@code llmops.cleanup.interval-seconds}).
 * Non-persistent, so a cluster never piles up timers: every instance has its own, and the job's
 * advisory lock lets one instance at a time do the work ({@link CleanupRunner}). Bean-managed
 * transactions: the timeout itself runs in none, each batch gets its own ({@link #inNewTransaction}), so no
 * container transaction timeout can roll a long clean-up back and make the timer run it again.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")   // no clean-up before the schema exists
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CleanupTimers {

    private static final Logger LOG = Logger.getLogger(CleanupTimers.class.getName());

    @Resource
    TimerService timerService;

    @Resource
    UserTransaction transaction;

    @Resource(lookup = "jdbc/llmops")
    DataSource dataSource;

    @Inject
    CleanupSettings settings;

    @Inject
    CleanupMonitor monitor;

    @Inject
    UnusedUploads unusedUploads;

    @Inject
    DeletedKnowledge deletedKnowledge;

    @Inject
    DebugConversations debugConversations;

    private final Clock clock = Clock.systemUTC();
    private final Map<CleanupJob, AtomicBoolean> running = new EnumMap<>(CleanupJob.class);

    @PostConstruct
    void schedule() {
        if (!settings.enabled()) {
            LOG.info("Scheduled clean-up is disabled (llmops.cleanup.enabled=false)");
            return;
        }
        for (CleanupJob job : CleanupJob.values()) {
            running.put(job, new AtomicBoolean());
            if (job == CleanupJob.DEBUG_CONVERSATIONS && settings.debugRetention().isEmpty()) {
                continue;
            }
            timerService.createIntervalTimer(settings.initialDelay().toMillis(), settings.interval().toMillis(),
                    new TimerConfig(job.name(), false));
        }
        LOG.info(() -> "Scheduled clean-up every " + settings.interval() + ": unused uploads after " + settings.uploadTtl()
                + ", deleted knowledge after " + settings.purgeDelay() + ", debug conversations after "
                + settings.debugRetention().map(Object::toString).orElse("never") + "; batches of " + settings.batchSize());
    }

    @Timeout
    void run(Timer timer) {
        CleanupJob job = CleanupJob.valueOf((String) timer.getInfo());
        AtomicBoolean busy = running.get(job);
        // a run longer than the interval: the next timeout on this instance finds it busy and leaves it be
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        try {
            monitor.record(cleanUp(job));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Clean-up " + job.id() + " failed", e);
        } finally {
            busy.set(false);
        }
    }

    CleanupOutcome cleanUp(CleanupJob job) {
        Instant now = clock.instant();
        List<CleanupStep> steps = switch (job) {
            case UNUSED_UPLOADS -> List.of(unusedUploads.step(now, settings.uploadTtl()));
            case DELETED_KNOWLEDGE -> deletedKnowledge.steps(now, settings.purgeDelay());
            case DEBUG_CONVERSATIONS -> debugConversations.steps(now, settings.debugRetention().orElseThrow());
        };
        return new CleanupRunner(this::inNewTransaction, clock, settings.batchSize(), settings.maxBatchesPerRun())
                .run(job, steps);
    }

    /** One batch: a new JTA transaction; every connection the pool hands out inside it is the same, enlisted one. */
    private <T> T inNewTransaction(CleanupRunner.Work<T> work) throws Exception {
        transaction.begin();
        boolean completing = false;
        try {
            T result;
            try (Connection connection = dataSource.getConnection()) {
                result = work.run(connection);
            }
            completing = true;
            transaction.commit();
            return result;
        } finally {
            if (!completing) {
                try {
                    transaction.rollback();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "Clean-up batch rollback failed", e);
                }
            }
        }
    }
}
