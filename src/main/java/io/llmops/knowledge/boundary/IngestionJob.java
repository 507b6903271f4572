package io.llmops.knowledge.boundary;

import io.llmops.platform.redis.RedisLocks;
import jakarta.annotation.PostConstruct;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the {@value #JOB} Jakarta Batch job, one execution per document (a failing document then
 * fails alone, and pause, resume and retry act on one document), and keeps the documents' leases.
 *
 * <p>A document's progress lives in our own tables, not in the batch repository: an execution killed
 * with its JVM stays STARTED there and cannot be restarted, so a relaunch is always a new execution
 * that goes on from the stage and segment position the {@code document} row records. A Redis lease
 * per document ({@code llmops:ingest:<id>}, lifetime = the staleness limit) keeps two instances off the
 * same document; {@link #heartbeat()} renews this instance's leases and moves its documents'
 * {@code heartbeat_at} on, and a job whose lease was lost stops writing.
 */
@ApplicationScoped
public class IngestionJob {

    static final String JOB = "document-ingestion";
    static final String DOCUMENT = "documentId";
    static final String CHECKPOINT = "checkpointSegments";
    private static final Logger LOG = Logger.getLogger(IngestionJob.class.getName());
    private static final String LOCK = "llmops:ingest:";

    @Inject
    RedisLocks locks;

    @Inject
    DocumentStore store;

    @Inject
    IngestionSettings settings;

    /** Document id → lease token, for the jobs running on this instance. */
    private final Map<UUID, String> leases = new ConcurrentHashMap<>();
    /** Why a chunk failed, for the job listener to record after the chunk's transaction is gone. */
    private final Map<UUID, Throwable> failures = new ConcurrentHashMap<>();
    private Semaphore embedding;

    @PostConstruct
    void init() {
        embedding = new Semaphore(settings.concurrency(), true);
    }

    /** Starts the document's job unless another job (here or elsewhere) holds it; false then. */
    public boolean launch(UUID documentId) {
        String token = locks.tryAcquire(LOCK + documentId, settings.staleAfter().toMillis()).orElse(null);
        if (token == null) {
            return false;
        }
        leases.put(documentId, token);
        Properties parameters = new Properties();
        parameters.setProperty(DOCUMENT, documentId.toString());
        parameters.setProperty(CHECKPOINT, Integer.toString(settings.checkpointSegments()));
        try {
            JobOperator operator = BatchRuntime.getJobOperator();
            long execution = operator.start(JOB, parameters);
            LOG.fine(() -> "Ingestion of document " + documentId + " started as execution " + execution);
            return true;
        } catch (RuntimeException e) {
            release(documentId);
            throw e;
        }
    }

    /** Whether this instance still holds the document's lease (a job that lost it must stop). */
    public boolean holds(UUID documentId) {
        return leases.containsKey(documentId);
    }

    /**
     * The job ended (done, stopped or failed): the lease goes. A document resumed while its job was
     * still running waits again — it is relaunched at once rather than at the next reconciliation.
     */
    void finished(UUID documentId) {
        release(documentId);
        try {
            if (store.status(documentId).filter("waiting"::equals).isPresent()) {
                launch(documentId);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Relaunch of resumed document " + documentId + " failed; the reconciler will retry", e);
        }
    }

    private void release(UUID documentId) {
        String token = leases.remove(documentId);
        if (token != null) {
            try {
                locks.release(LOCK + documentId, token);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not release the ingestion lease of " + documentId + " (it expires by itself)", e);
            }
        }
    }

    /** Renews this instance's leases and heartbeats; a lease renewed too late is dropped (its job stops). */
    void heartbeat() {
        for (Map.Entry<UUID, String> lease : Set.copyOf(leases.entrySet())) {
            try {
                if (!locks.renew(LOCK + lease.getKey(), lease.getValue(), settings.staleAfter().toMillis())) {
                    LOG.warning("Lost the ingestion lease of document " + lease.getKey() + "; its job stops");
                    leases.remove(lease.getKey(), lease.getValue());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not renew the ingestion lease of " + lease.getKey(), e);
            }
        }
        store.heartbeat(Set.copyOf(leases.keySet()));
    }

    void failure(UUID documentId, Throwable cause) {
        failures.put(documentId, cause);
    }

    Throwable takeFailure(UUID documentId) {
        return failures.remove(documentId);
    }

    Set<UUID> running() {
        return Set.copyOf(leases.keySet());
    }

    /** Bounds how many documents of this instance embed at once. */
    Semaphore embedding() {
        return embedding;
    }
}
