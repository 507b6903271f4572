package io.llmops.knowledge.boundary;

import io.llmops.knowledge.control.LuceneSegmentIndex;
import io.llmops.knowledge.control.PgVectorSegmentIndex;
import io.llmops.knowledge.control.SegmentIndex;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The server's one segment index, chosen by {@code llmops.knowledge.index}:
 * <ul>
 *   <li>{@code lucene} (default): Lucene in {@code llmops.knowledge.index-dir}, opened on first use and
 *       closed on shutdown (Lucene's write lock makes the directory this instance's own; every instance
 *       of a cluster needs its own directory);</li>
 *   <li>{@code pgvector}: the {@code pgvector_segment} table in the server's database (migration V10),
 *       shared by every instance, no local directory. {@link KnowledgeIndexCheck} opens it at start-up
 *       and refuses to start when the vector extension or the table is missing.</li>
 * </ul>
 * Either is a cache of PostgreSQL's segment table: {@link Datasets} rebuilds a dataset that is missing from it.
 */
@ApplicationScoped
public class KnowledgeIndex {

    private static final Logger LOG = Logger.getLogger(KnowledgeIndex.class.getName());

    public static final String LUCENE = "lucene";
    public static final String PGVECTOR = "pgvector";

    @Inject
    @ConfigProperty(name = "llmops.knowledge.index", defaultValue = LUCENE)
    String kind;

    @Inject
    @ConfigProperty(name = "llmops.knowledge.index-dir", defaultValue = "data/index")
    String indexDir;

    @Resource(lookup = "jdbc/llmops")
    DataSource dataSource;

    private volatile SegmentIndex index;
    /** {@link System#nanoTime()} of the last {@link #commitAtMostEvery} commit; MIN_VALUE: none yet. */
    private final AtomicLong paced = new AtomicLong(Long.MIN_VALUE);

    public SegmentIndex get() {
        SegmentIndex opened = index;
        if (opened == null) {
            synchronized (this) {
                if (index == null) {
                    index = open(kind, Path.of(indexDir), () -> dataSource);
                }
                opened = index;
            }
        }
        return opened;
    }

    /**
     * Commits the index unless this method did less than {@code interval} ago: the ingestion jobs running
     * on this instance, whatever their number, share one commit pace (each commit of Lucene cuts a new
     * segment, and merging small segments rebuilds their HNSW graphs).
     */
    public void commitAtMostEvery(Duration interval) {
        long now = System.nanoTime();
        long last = paced.get();
        if ((last == Long.MIN_VALUE || now - last >= interval.toNanos()) && paced.compareAndSet(last, now)) {
            get().commit();
        }
    }

    /** The configured kind, checked: lucene or pgvector. */
    String kind() {
        return checkedKind(kind);
    }

    /** Why the configured index cannot be used. */
    static final class UnavailableIndexException extends RuntimeException {
        UnavailableIndexException(String message) {
            super(message);
        }
    }

    static String checkedKind(String kind) {
        String k = kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT);
        if (!k.equals(LUCENE) && !k.equals(PGVECTOR)) {
            throw new UnavailableIndexException("llmops.knowledge.index (LLMOPS_KNOWLEDGE_INDEX) must be "
                    + LUCENE + " or " + PGVECTOR + ", not '" + kind + "'");
        }
        return k;
    }

    /** Opens the index of that kind: Lucene in {@code dir}, or pgvector over the data source. */
    static SegmentIndex open(String kind, Path dir, Supplier<DataSource> dataSource) {
        if (checkedKind(kind).equals(PGVECTOR)) {
            DataSource db = dataSource.get();
            PgVectorSegmentIndex.prepare(db).ifPresent(reason -> {
                throw new UnavailableIndexException("llmops.knowledge.index is pgvector, but " + reason
                        + " (see README, \"Using pgvector in production\")");
            });
            LOG.info("Segment index: pgvector (table pgvector_segment, shared by every instance)");
            return new PgVectorSegmentIndex(db);
        }
        Path absolute = dir.toAbsolutePath();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the segment index directory " + absolute, e);
        }
        LOG.info("Segment index: Lucene in " + absolute);
        return new LuceneSegmentIndex(absolute);
    }

    @PreDestroy
    synchronized void close() {
        if (index != null) {
            index.close();
            index = null;
        }
    }
}
