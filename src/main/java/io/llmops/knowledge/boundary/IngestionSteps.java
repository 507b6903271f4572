package io.llmops.knowledge.boundary;

import io.llmops.knowledge.boundary.DocumentStore.Work;
import io.llmops.knowledge.control.DocumentParser.UnreadableDocumentException;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The batchlet steps of {@code META-INF/batch-jobs/document-ingestion.xml} and its listener. Each step
 * starts from what the document row says is done, so a relaunched document skips finished stages; a
 * step that finds the document paused, deleted or finished ends the job with exit status STOPPED.
 */
public final class IngestionSteps {

    static final String STOPPED = "STOPPED";
    private static final Logger LOG = Logger.getLogger(IngestionSteps.class.getName());

    private IngestionSteps() {
    }

    /** The job-level property the job XML fills from the job parameter of the same name. */
    static UUID documentId(JobContext job) {
        return UUID.fromString(job.getProperties().getProperty(IngestionJob.DOCUMENT));
    }

    static Work work(JobContext job) {
        return (Work) job.getTransientUserData();
    }

    /** The failure the owner sees: a parser's reason as it is, anything else as a short generic one. */
    static String reason(Throwable e) {
        if (e instanceof UnreadableDocumentException) {
            return e.getMessage();
        }
        return "ingestion failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Claims the document (its status becomes the stage it goes on from) and parses it unless already parsed. */
    @Named("ingestionParse")
    @Dependent
    public static class Parse extends AbstractBatchlet {

        @Inject
        JobContext job;

        @Inject
        DocumentStore store;

        @Inject
        IngestionFiles files;

        @Override
        public String process() {
            UUID id = documentId(job);
            Work work = store.begin(id).orElse(null);
            if (work == null) {
                return STOPPED;
            }
            job.setTransientUserData(work);
            if (!"parsing".equals(work.stage())) {
                return work.stage();
            }
            try {
                files.parse(work);
            } catch (UnreadableDocumentException | RuntimeException e) {
                LOG.log(e instanceof UnreadableDocumentException ? Level.INFO : Level.WARNING,
                        "Document " + id + " could not be parsed", e);
                store.fail(id, reason(e));
                return STOPPED;
            }
            return store.parsed(id) ? "splitting" : STOPPED;
        }
    }

    /** Splits the cleaned text by the document's rule; the number of segments becomes its total. */
    @Named("ingestionSplit")
    @Dependent
    public static class Split extends AbstractBatchlet {

        @Inject
        JobContext job;

        @Inject
        DocumentStore store;

        @Inject
        IngestionFiles files;

        @Override
        public String process() {
            Work work = work(job);
            int segments;
            try {
                segments = files.split(work).size();
            } catch (UnreadableDocumentException | RuntimeException e) {
                LOG.log(Level.WARNING, "Document " + work.documentId() + " could not be split", e);
                store.fail(work.documentId(), reason(e));
                return STOPPED;
            }
            return store.split(work.documentId(), segments) ? "indexing" : STOPPED;
        }
    }

    /** All segments written: committed to the index, then completed, and the stage files go. */
    @Named("ingestionFinish")
    @Dependent
    public static class Finish extends AbstractBatchlet {

        @Inject
        JobContext job;

        @Inject
        DocumentStore store;

        @Inject
        IngestionFiles files;

        @Inject
        KnowledgeIndex index;

        @Override
        public String process() {
            Work work = work(job);
            // the chunks' index writes are buffered: durable before the document says completed
            index.get().commit();
            if (!store.complete(work.documentId())) {
                return STOPPED;
            }
            files.delete(work.documentId());
            return "COMPLETED";
        }
    }

    /**
     * After every execution: the index writes it buffered are committed (a paused document's segments
     * become searchable), a failure the steps did not record is recorded; the lease goes.
     */
    @Named("ingestionListener")
    @Dependent
    public static class Listener extends AbstractJobListener {

        @Inject
        JobContext job;

        @Inject
        DocumentStore store;

        @Inject
        IngestionJob ingestion;

        @Inject
        KnowledgeIndex index;

        @Override
        public void afterJob() {
            UUID id = documentId(job);
            try {
                commitIndex(id);
                if (job.getBatchStatus() == BatchStatus.FAILED) {
                    Throwable failure = ingestion.takeFailure(id);
                    store.fail(id, failure != null ? reason(failure) : "ingestion failed (see the server log)");
                }
            } finally {
                ingestion.finished(id);
            }
        }

        private void commitIndex(UUID id) {
            try {
                index.get().commit();
            } catch (RuntimeException e) {
                // a relaunch or the next commit catches up; the outcome is still recorded
                LOG.log(Level.WARNING, "Could not commit the index after the ingestion of document " + id, e);
            }
        }
    }
}
