package io.llmops.knowledge.boundary;

import io.llmops.knowledge.control.LuceneSegmentIndex;
import io.llmops.knowledge.control.SegmentIndex;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * The server's one segment index: Lucene in {@code llmops.knowledge.index-dir}, opened on first use and
 * closed on shutdown (Lucene's write lock makes the directory this instance's own; every instance of a
 * cluster needs its own directory). It is a cache of PostgreSQL: {@link Datasets} rebuilds a dataset
 * that is missing from it.
 */
@ApplicationScoped
public class KnowledgeIndex {

    private static final Logger LOG = Logger.getLogger(KnowledgeIndex.class.getName());

    @Inject
    @ConfigProperty(name = "llmops.knowledge.index-dir", defaultValue = "data/index")
    String indexDir;

    private volatile SegmentIndex index;

    public SegmentIndex get() {
        SegmentIndex opened = index;
        if (opened == null) {
            synchronized (this) {
                if (index == null) {
                    index = open();
                }
                opened = index;
            }
        }
        return opened;
    }

    private SegmentIndex open() {
        Path dir = Path.of(indexDir).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the segment index directory " + dir, e);
        }
        LOG.info("Segment index in " + dir);
        return new LuceneSegmentIndex(dir);
    }

    @PreDestroy
    synchronized void close() {
        if (index != null) {
            index.close();
            index = null;
        }
    }
}
