package io.llmops.knowledge.boundary;

import io.llmops.knowledge.control.IndexedSegment;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * The steps of {@code META-INF/batch-jobs/dataset-reindex.xml}: drop the dataset from this instance's
 * index, then reload its live segments from PostgreSQL a page at a time (checkpointed by offset in
 * segment-id order).
 */
public final class ReindexSteps {

    static final String DATASET = "datasetId";
    private static final int PAGE = 500;

    private ReindexSteps() {
    }

    static UUID datasetId(JobContext job) {
        return UUID.fromString(job.getProperties().getProperty(DATASET));
    }

    @Named("reindexClear")
    @Dependent
    public static class Clear extends AbstractBatchlet {

        @Inject
        JobContext job;

        @Inject
        KnowledgeIndex index;

        @Override
        public String process() {
            index.get().deleteDataset(datasetId(job).toString());
            return "COMPLETED";
        }
    }

    @Named("reindexReader")
    @Dependent
    public static class Reader extends AbstractItemReader {

        @Inject
        JobContext job;

        @Inject
        DatasetStore store;

        private final Deque<IndexedSegment> buffer = new ArrayDeque<>();
        private int fetched;
        private int consumed;
        private boolean exhausted;

        @Override
        public void open(Serializable checkpoint) {
            consumed = checkpoint instanceof Integer offset ? offset : 0;
            fetched = consumed;
        }

        @Override
        public Object readItem() {
            if (buffer.isEmpty() && !exhausted) {
                List<IndexedSegment> page = store.indexable(datasetId(job), fetched, PAGE);
                buffer.addAll(page);
                fetched += page.size();
                exhausted = page.size() < PAGE;
            }
            IndexedSegment next = buffer.poll();
            if (next != null) {
                consumed++;
            }
            return next;
        }

        @Override
        public Serializable checkpointInfo() {
            return consumed;
        }
    }

    @Named("reindexWriter")
    @Dependent
    public static class Writer extends AbstractItemWriter {

        @Inject
        KnowledgeIndex index;

        @Override
        public void writeItems(List<Object> items) {
            index.get().upsert(items.stream().map(IndexedSegment.class::cast).toList());
        }
    }
}
