package io.llmops.knowledge.boundary;

import io.llmops.knowledge.boundary.DocumentStore.SegmentRow;
import io.llmops.knowledge.boundary.DocumentStore.Work;
import io.llmops.knowledge.control.EmbeddingCache;
import io.llmops.knowledge.control.IndexedSegment;
import io.llmops.knowledge.control.KeywordExtractor;
import io.llmops.knowledge.control.SegmentIndex;
import io.llmops.knowledge.control.TokenLength;
import io.llmops.platform.json.JsonbProvider;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The chunk step of the ingestion job: the reader hands out the split segments from a position on
 * (the checkpoint, or on a fresh execution the first position not yet in PostgreSQL); the writer embeds
 * a chunk in one batch through the embedding cache, upserts the segments by (document, position) in
 * the chunk's transaction and puts them in the index. One chunk = one transaction = one checkpoint
 * ({@code llmops.ingest.checkpoint-segments} segments).
 *
 * <p>The index is written {@linkplain SegmentIndex#upsertBuffered buffered} and committed at most every
 * {@link #INDEX_COMMIT_EVERY} by all the instance's jobs together ({@link KnowledgeIndex#commitAtMostEvery}),
 * and before a document is completed ({@link IngestionSteps.Finish}) or its execution ends
 * ({@link IngestionSteps.Listener}): a Lucene commit per chunk cut a small Lucene segment each time, whose
 * merges rebuilt HNSW graphs. A crash can so lose segments from the index that PostgreSQL has; the
 * relaunched execution's reader therefore puts every segment already written back into the index before
 * it goes on (and a document is never completed before its segments are committed to the index).
 */
public final class IngestionChunks {

    private static final Logger LOG = Logger.getLogger(IngestionChunks.class.getName());
    /** Put in the step's transient data by the writer when the document must not be written any more. */
    private static final String STOP = "stop";
    /** Longest time buffered index writes of a running document wait for a commit (and for searches). */
    static final Duration INDEX_COMMIT_EVERY = Duration.ofSeconds(10);

    private IngestionChunks() {
    }

    record Item(int position, String content) {
    }

    @Named("ingestionReader")
    @Dependent
    public static class Reader extends AbstractItemReader {

        @Inject
        JobContext job;

        @Inject
        StepContext step;

        @Inject
        DocumentStore store;

        @Inject
        IngestionFiles files;

        @Inject
        Documents documents;

        private List<String> segments;
        private int next;

        @Override
        public void open(Serializable checkpoint) throws Exception {
            Work work = IngestionSteps.work(job);
            segments = files.segments(work);
            next = checkpoint instanceof Integer position ? position : store.nextPosition(work.documentId(), segments.size());
            LOG.fine(() -> "Indexing document " + work.documentId() + " from position " + next + " of " + segments.size());
            if (next > 0) {
                reindexWritten(work.documentId());
            }
        }

        /**
         * An earlier execution wrote segments whose buffered index writes a crash may have lost: they go
         * back into the index from PostgreSQL (idempotent by segment id), durably before anything new.
         */
        private void reindexWritten(UUID documentId) {
            int count = documents.reindex(documentId);
            LOG.fine(() -> "Put the " + count + " segments already written of document " + documentId + " back into the index");
        }

        @Override
        public Object readItem() {
            if (STOP.equals(step.getTransientUserData())) {
                step.setExitStatus(IngestionSteps.STOPPED);
                return null;
            }
            if (next >= segments.size()) {
                return null;
            }
            Item item = new Item(next, segments.get(next));
            next++;
            return item;
        }

        @Override
        public Serializable checkpointInfo() {
            return next;
        }
    }

    @Named("ingestionWriter")
    @Dependent
    public static class Writer extends AbstractItemWriter {

        @Inject
        JobContext job;

        @Inject
        StepContext step;

        @Inject
        DocumentStore store;

        @Inject
        Embedders embedders;

        @Inject
        KnowledgeIndex index;

        @Inject
        IngestionJob ingestion;

        private final KeywordExtractor keywords = new KeywordExtractor();
        private final TokenLength tokens = TokenLength.o200k();

        @Override
        public void writeItems(List<Object> items) throws Exception {
            Work work = IngestionSteps.work(job);
            if (!ingestion.holds(work.documentId())) {
                step.setTransientUserData(STOP);
                return;
            }
            try {
                List<Item> chunk = items.stream().map(Item.class::cast).toList();
                List<float[]> vectors = embed(work, chunk.stream().map(Item::content).toList());
                List<SegmentRow> rows = new ArrayList<>(chunk.size());
                for (int i = 0; i < chunk.size(); i++) {
                    String content = chunk.get(i).content();
                    rows.add(new SegmentRow(chunk.get(i).position(), content, EmbeddingCache.contentHash(content),
                            JsonbProvider.shared().toJson(keywords.extract(content)), tokens.count(content), vectors.get(i)));
                }
                Optional<List<IndexedSegment>> written = store.write(work, rows);
                if (written.isEmpty()) {
                    step.setTransientUserData(STOP);
                    return;
                }
                index.get().upsertBuffered(written.get());
                index.commitAtMostEvery(INDEX_COMMIT_EVERY);
            } catch (RuntimeException | InterruptedException e) {
                LOG.log(Level.WARNING, "Indexing document " + work.documentId() + " failed", e);
                // recorded by the job listener once the chunk's transaction (holding the row lock) is gone
                ingestion.failure(work.documentId(), e);
                throw e;
            }
        }

        private List<float[]> embed(Work work, List<String> texts) throws InterruptedException {
            ingestion.embedding().acquire();
            try {
                return embedders.forSegments(work.workspaceId(), work.embeddingProvider(), work.embeddingModel())
                        .embedAll(texts);
            } finally {
                ingestion.embedding().release();
            }
        }
    }
}
