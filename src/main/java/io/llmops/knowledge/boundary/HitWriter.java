package io.llmops.knowledge.boundary;

import io.llmops.knowledge.boundary.DatasetStore.RecordedHit;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes hit tests' bookkeeping (the recorded query, the segments' and the dataset's hit counts) after
 * the answer went out: a hit test hands its record over and returns; one writer on the managed
 * virtual-thread executor drains the bounded queue, waiting up to {@link #LINGER_MILLIS} to gather
 * more, and writes each batch in one transaction ({@link DatasetStore#writeHits}). A failed batch is
 * tried again, then logged with what it held; a full queue makes the hit test write its own record.
 *
 * <p>Reads that show this bookkeeping (recorded queries, hit counts) call {@link #awaitWritten} first:
 * it flushes at once and waits until everything queued for the dataset on this instance is written
 * (bounded by {@link #READ_WAIT_MILLIS}), so a client sees its own hit tests. Other instances see them
 * once written, at most a linger and a write later.
 */
@ApplicationScoped
public class HitWriter {

    private static final Logger LOG = Logger.getLogger(HitWriter.class.getName());
    static final int CAPACITY = 10_000;
    static final int BATCH = 500;
    static final long LINGER_MILLIS = 50;
    static final long IDLE_SECONDS = 30;
    static final long READ_WAIT_MILLIS = 5_000;
    static final int ATTEMPTS = 3;

    private record Queued(long sequence, RecordedHit hit) {
    }

    @Resource(lookup = "java:app/concurrent/llmops-virtual")
    ManagedExecutorService executor;

    @Inject
    DatasetStore store;

    private final BlockingQueue<Queued> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Object monitor = new Object();
    /** Guarded by monitor: the last sequence handed out, the last written (every lower one is), and so on. */
    private long queued;
    private long written;
    private boolean flushNow;
    private boolean running;
    private boolean closed;
    /** The last sequence queued per dataset and per workspace (removed once written). */
    private final Map<UUID, Long> lastByDataset = new ConcurrentHashMap<>();
    private final Map<UUID, Long> lastByWorkspace = new ConcurrentHashMap<>();
    /** Hits queued and not yet written, per segment, so a hit test's answer can show them. */
    private final Map<UUID, Long> pendingHits = new ConcurrentHashMap<>();
    /** Batches being written, and a version bumped as each starts and ends (for {@link #consistentRead}). */
    private final AtomicInteger writing = new AtomicInteger();
    private final AtomicLong version = new AtomicLong();

    /** Queues the hit test's record; writes it at once (on this thread) if the queue is full or closed. */
    public void record(RecordedHit hit) {
        boolean queuedIt;
        boolean start = false;
        synchronized (monitor) {
            queuedIt = !closed && queue.remainingCapacity() > 0;
            if (queuedIt) {
                Queued q = new Queued(++queued, hit);
                queue.add(q);
                lastByDataset.put(hit.datasetId(), q.sequence());
                lastByWorkspace.put(hit.workspaceId(), q.sequence());
                for (UUID segment : hit.segmentIds()) {
                    pendingHits.merge(segment, 1L, Long::sum);
                }
                if (queue.size() >= BATCH) {
                    flushNow = true;
                    monitor.notifyAll();
                }
                start = !running;
                running = true;
            }
        }
        if (!queuedIt) {
            store.writeHits(List.of(hit));
        } else if (start) {
            startWriter();
        }
    }

    /** Hits of these segments queued on this instance and not yet written. */
    public Map<UUID, Long> pending(Collection<UUID> segmentIds) {
        Map<UUID, Long> counts = new HashMap<>();
        for (UUID id : segmentIds) {
            Long n = pendingHits.get(id);
            if (n != null) {
                counts.put(id, n);
            }
        }
        return counts;
    }

    /**
     * Runs a read of stored counts together with {@link #pending} so that no batch is written in between
     * (which would count its hits twice or not at all); tries once more if one was, then takes the second.
     */
    public <T> T consistentRead(Supplier<T> read) {
        for (int attempt = 0; ; attempt++) {
            long before = version.get();
            boolean quiet = writing.get() == 0;
            T value = read.get();
            if (attempt == 1 || (quiet && writing.get() == 0 && version.get() == before)) {
                return value;
            }
        }
    }

    /** Waits (bounded) until every hit test of this dataset queued on this instance so far is written. */
    public void awaitWritten(UUID datasetId) {
        awaitWritten(lastByDataset.get(datasetId));
    }

    /** The same for every dataset of the workspace (its list shows their hit counts). */
    public void awaitWrittenInWorkspace(UUID workspaceId) {
        awaitWritten(lastByWorkspace.get(workspaceId));
    }

    private void awaitWritten(Long target) {
        if (target == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READ_WAIT_MILLIS);
        boolean start;
        synchronized (monitor) {
            start = !running && !queue.isEmpty();
            running |= start;
        }
        if (start) {
            startWriter();
        }
        synchronized (monitor) {
            flushNow = true;
            monitor.notifyAll();
            while (written < target) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    LOG.warning("Hit tests not written within " + READ_WAIT_MILLIS + " ms; answering what is stored");
                    return;
                }
                try {
                    monitor.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void startWriter() {
        try {
            executor.execute(this::drain);
        } catch (RuntimeException e) {
            // no executor (shutting down): write what is queued on this thread
            LOG.log(Level.WARNING, "Hit writer not started; writing on the request thread", e);
            synchronized (monitor) {
                running = false;
            }
            writeQueued();
        }
    }

    /** The writer: batches until the queue stays empty for {@link #IDLE_SECONDS}. */
    private void drain() {
        try {
            while (true) {
                Queued first = queue.poll(IDLE_SECONDS, TimeUnit.SECONDS);
                if (first == null) {
                    synchronized (monitor) {
                        if (queue.isEmpty()) {
                            running = false;
                            return;
                        }
                    }
                    continue;
                }
                synchronized (monitor) {
                    if (!flushNow && !closed) {
                        monitor.wait(LINGER_MILLIS);
                    }
                    flushNow = false;
                }
                List<Queued> batch = new ArrayList<>(BATCH);
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (monitor) {
                running = false;
            }
            writeQueued();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "Hit writer stopped; the next hit test starts another", e);
            synchronized (monitor) {
                running = false;
            }
            throw e;
        }
    }

    private void writeQueued() {
        List<Queued> rest = new ArrayList<>();
        while (queue.drainTo(rest, BATCH) > 0) {
            write(rest);
            rest = new ArrayList<>();
        }
    }

    private void write(List<Queued> batch) {
        List<RecordedHit> hits = batch.stream().map(Queued::hit).toList();
        writing.incrementAndGet();
        version.incrementAndGet();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    store.writeHits(hits);
                    break;
                } catch (RuntimeException e) {
                    if (attempt == ATTEMPTS) {
                        LOG.log(Level.SEVERE, "Lost " + hits.size() + " hit tests (queries and hit counts) of datasets "
                                + hits.stream().map(RecordedHit::datasetId).distinct().toList() + " after " + ATTEMPTS
                                + " attempts", e);
                        break;
                    }
                    LOG.log(Level.WARNING, "Writing " + hits.size() + " hit tests failed (attempt " + attempt + "); trying again", e);
                    sleep(100L * attempt);
                }
            }
        } finally {
            for (RecordedHit hit : hits) {
                for (UUID segment : hit.segmentIds()) {
                    pendingHits.computeIfPresent(segment, (id, n) -> n == 1 ? null : n - 1);
                }
            }
            version.incrementAndGet();
            writing.decrementAndGet();
            long last = batch.getLast().sequence();
            for (Queued q : batch) {
                lastByDataset.remove(q.hit().datasetId(), q.sequence());
                lastByWorkspace.remove(q.hit().workspaceId(), q.sequence());
            }
            synchronized (monitor) {
                written = Math.max(written, last);
                monitor.notifyAll();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is still queued before the application stops. */
    @PreDestroy
    void close() {
        long last;
        synchronized (monitor) {
            closed = true;
            flushNow = true;
            monitor.notifyAll();
            last = queued;
        }
        writeQueued();
        awaitWritten(last == 0 ? null : last); // and the batch the writer may be writing
    }
}
