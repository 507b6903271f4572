package io.llmops.knowledge.boundary;

import io.llmops.knowledge.boundary.DatasetDtos.BatchView;
import io.llmops.knowledge.boundary.DatasetDtos.DocumentView;
import io.llmops.knowledge.boundary.DatasetDtos.DocumentsCreated;
import io.llmops.knowledge.boundary.DatasetDtos.DocumentsRequest;
import io.llmops.knowledge.boundary.DatasetDtos.PreProcessRuleBody;
import io.llmops.knowledge.boundary.DatasetDtos.ProcessRuleView;
import io.llmops.knowledge.boundary.DatasetDtos.SegmentRuleBody;
import io.llmops.knowledge.boundary.DatasetStore.StoredDocument;
import io.llmops.knowledge.control.IndexedSegment;
import io.llmops.knowledge.control.ProcessRule;
import io.llmops.knowledge.control.TextCleaner;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.json.JsonbProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The documents facade: uploads become documents ingested by the batch job ({@link IngestionJob}),
 * watched by batch; rename, enable, delete, pause, resume and retry. Rows change first, then the
 * index and the jobs are told.
 */
@ApplicationScoped
public class Documents {

    private static final Logger LOG = Logger.getLogger(Documents.class.getName());
    private static final DateTimeFormatter BATCH_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Pattern BATCH = Pattern.compile("[0-9]{14}[0-9a-f]{8}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int INDEX_PAGE = 500;

    @Inject
    DocumentStore store;

    @Inject
    IngestionJob ingestion;

    @Inject
    IngestionFiles files;

    @Inject
    KnowledgeIndex index;

    public DocumentsCreated create(UUID workspaceId, UUID accountId, UUID datasetId, DocumentsRequest request) {
        ProcessRuleView rule = rule(request);
        String batch = BATCH_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + String.format("%08x", RANDOM.nextInt());
        List<StoredDocument> created = store.create(workspaceId, datasetId, accountId, request.uploadFileIds(), batch,
                JsonbProvider.shared().toJson(rule));
        created.forEach(doc -> launch(doc.id()));
        return new DocumentsCreated(batch, created.stream().map(Datasets::view).toList());
    }

    /** The rule as stored: automatic fills in the defaults; custom must say how to segment. */
    static ProcessRuleView rule(DocumentsRequest request) {
        if (request.processType() == null || "automatic".equals(request.processType())) {
            ProcessRule auto = ProcessRule.AUTOMATIC;
            return new ProcessRuleView("automatic", List.of(
                    new PreProcessRuleBody(TextCleaner.REMOVE_EXTRA_SPACE, auto.enabledRules().contains(TextCleaner.REMOVE_EXTRA_SPACE)),
                    new PreProcessRuleBody(TextCleaner.REMOVE_URL_AND_EMAIL, auto.enabledRules().contains(TextCleaner.REMOVE_URL_AND_EMAIL))),
                    auto.separators(), auto.chunkSize(), auto.chunkOverlap());
        }
        if (request.rule() == null || request.rule().segment() == null) {
            throw ApiException.invalidField("rule.segment", "is required when process_type is custom");
        }
        SegmentRuleBody segment = request.rule().segment();
        int overlap = segment.chunkOverlap() == null ? 0 : segment.chunkOverlap();
        if (overlap >= segment.chunkSize()) {
            throw ApiException.invalidField("rule.segment.chunk_overlap", "must be less than chunk_size");
        }
        List<PreProcessRuleBody> rules = request.rule().preProcessRules() == null ? List.of() : request.rule().preProcessRules();
        if (rules.stream().map(PreProcessRuleBody::id).distinct().count() < rules.size()) {
            throw ApiException.invalidField("rule.pre_process_rules", "must list each rule once");
        }
        ProcessRuleView view = new ProcessRuleView("custom", rules,
                segment.separators() == null ? List.of() : segment.separators(), segment.chunkSize(), overlap);
        IngestionFiles.rule(JsonbProvider.shared().toJson(view)); // the job must be able to read it back
        return view;
    }

    public BatchView batch(UUID workspaceId, UUID datasetId, String batch) {
        if (batch == null || !BATCH.matcher(batch).matches()) {
            throw ApiException.notFound("Batch");
        }
        return new BatchView(batch, store.batch(workspaceId, datasetId, batch).stream().map(Datasets::view).toList());
    }

    public DocumentView get(UUID workspaceId, UUID datasetId, UUID documentId) {
        return Datasets.view(store.get(workspaceId, datasetId, documentId));
    }

    public DocumentView rename(UUID workspaceId, UUID datasetId, UUID documentId, String name) {
        return Datasets.view(store.rename(workspaceId, datasetId, documentId, name.strip()));
    }

    /** A disabled document's segments stay but are never retrieved (the index marks each of them). */
    public DocumentView enable(UUID workspaceId, UUID datasetId, UUID documentId, boolean enabled) {
        StoredDocument doc = store.enable(workspaceId, datasetId, documentId, enabled);
        reindex(documentId);
        return Datasets.view(doc);
    }

    /**
     * Puts the document's stored segments (with its enabled flag) into the index again, durably on return
     * (idempotent by segment id); answers how many.
     */
    public int reindex(UUID documentId) {
        int written = 0;
        for (int offset = 0; ; offset += INDEX_PAGE) {
            List<IndexedSegment> page = store.indexable(documentId, offset, INDEX_PAGE);
            index.get().upsertBuffered(page);
            written += page.size();
            if (page.size() < INDEX_PAGE) {
                break;
            }
        }
        index.get().commit();
        return written;
    }

    /** Gone from lists and every search at once; a job working on it stops at its next chunk. */
    public void delete(UUID workspaceId, UUID datasetId, UUID documentId) {
        store.delete(workspaceId, datasetId, documentId);
        index.get().deleteDocument(documentId.toString());
        files.delete(documentId);
    }

    public DocumentView pause(UUID workspaceId, UUID datasetId, UUID documentId) {
        return Datasets.view(store.pause(workspaceId, datasetId, documentId));
    }

    public DocumentView resume(UUID workspaceId, UUID datasetId, UUID documentId) {
        StoredDocument doc = store.resume(workspaceId, datasetId, documentId);
        launch(documentId);
        return Datasets.view(doc);
    }

    public DocumentView retry(UUID workspaceId, UUID datasetId, UUID documentId) {
        StoredDocument doc = store.retry(workspaceId, datasetId, documentId);
        index.get().deleteDocument(documentId.toString());
        files.delete(documentId);
        launch(documentId);
        return Datasets.view(doc);
    }

    /** A job that cannot start now (its lease is held, the runtime refused) is started by the reconciler later. */
    private void launch(UUID documentId) {
        try {
            ingestion.launch(documentId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not start the ingestion of document " + documentId + "; the reconciler will", e);
        }
    }
}
