package io.llmops.knowledge.boundary;

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

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps ingestion going across crashes and restarts, on every instance: shortly after start-up and
 * then every {@code llmops.ingest.reconcile-interval-seconds} it relaunches documents still to be
 * ingested whose heartbeat is older than {@code llmops.ingest.stale-after-seconds} (their job died with
 * its server, or was never started); the Redis lease decides which instance takes each one. Every
 * {@code llmops.ingest.heartbeat-seconds} it renews the leases and heartbeats of this instance's jobs.
 * Non-persistent timers: each instance runs its own, nothing to clean up in a cluster.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class IngestionReconciler {

    private static final Logger LOG = Logger.getLogger(IngestionReconciler.class.getName());
    private static final String HEARTBEAT = "ingestion-heartbeat";
    private static final String RECONCILE = "ingestion-reconcile";
    private static final int BATCH = 100;
    private static final long FIRST_RECONCILE_MILLIS = 5_000;

    @Resource
    TimerService timers;

    @Inject
    IngestionSettings settings;

    @Inject
    IngestionJob ingestion;

    @Inject
    DocumentStore store;

    private final AtomicBoolean reconciling = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long heartbeat = settings.heartbeat().toMillis();
        timers.createIntervalTimer(heartbeat, heartbeat, new TimerConfig(HEARTBEAT, false));
        timers.createIntervalTimer(Math.min(FIRST_RECONCILE_MILLIS, settings.reconcileInterval().toMillis()),
                settings.reconcileInterval().toMillis(), new TimerConfig(RECONCILE, false));
    }

    @Timeout
    void tick(Timer timer) {
        try {
            if (HEARTBEAT.equals(timer.getInfo())) {
                ingestion.heartbeat();
            } else if (RECONCILE.equals(timer.getInfo()) && reconciling.compareAndSet(false, true)) {
                try {
                    reconcile();
                } finally {
                    reconciling.set(false);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Ingestion " + timer.getInfo() + " failed; trying again at the next tick", e);
        }
    }

    /** Relaunches stale documents; answers how many this instance took. */
    int reconcile() {
        Set<UUID> mine = ingestion.running();
        int launched = 0;
        for (UUID id : store.stale(settings.staleAfter(), BATCH)) {
            if (!mine.contains(id) && ingestion.launch(id)) {
                launched++;
                LOG.info("Relaunched the ingestion of document " + id + " (its heartbeat was stale)");
            }
        }
        return launched;
    }
}
