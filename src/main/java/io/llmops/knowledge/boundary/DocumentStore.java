package io.llmops.knowledge.boundary;

import io.llmops.knowledge.boundary.DatasetStore.StoredDocument;
import io.llmops.knowledge.control.IndexedSegment;
import io.llmops.knowledge.entity.Dataset;
import io.llmops.knowledge.entity.DatasetDocument;
import io.llmops.knowledge.entity.Segment;
import io.llmops.knowledge.entity.UploadFile;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.error.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Rows of uploaded documents and their ingestion: what the console changes (create, rename, enable,
 * delete, pause, resume, retry) and what the batch job records (stage changes, segments written
 * idempotently by (document, position), progress, heartbeats). Stage changes are conditional updates,
 * so a job never overwrites a pause, a delete or another outcome that happened meanwhile.
 */
@ApplicationScoped
@Transactional
public class DocumentStore {

    static final Set<String> RUNNING = Set.of("waiting", "parsing", "splitting", "indexing");
    private static final String ACTIVE = "status in ('waiting', 'parsing', 'splitting', 'indexing')";
    private static final String UPSERT_SEGMENT = "insert into segment (id, workspace_id, dataset_id, document_id, position, "
            + "content, content_hash, keywords, token_count, character_count, enabled, hit_count, vector, created_at, updated_at) "
            + "values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, true, 0, ?, now(), now()) "
            + "on conflict (document_id, position) do update set content = excluded.content, "
            + "content_hash = excluded.content_hash, keywords = excluded.keywords, token_count = excluded.token_count, "
            + "character_count = excluded.character_count, vector = excluded.vector, updated_at = now()";

    @PersistenceContext(unitName = "llmops")
    EntityManager em;

    /** What the job needs to know of a document it works on. */
    public record Work(UUID documentId, UUID workspaceId, UUID datasetId, String embeddingProvider,
                       String embeddingModel, String uploadStorageKey, String uploadExtension, String processRuleJson,
                       String stage, Integer segmentsTotal) {
    }

    /** One segment as the job cut and embedded it. */
    public record SegmentRow(int position, String content, String contentHash, String keywordsJson, int tokenCount,
                             float[] vector) {
    }

    // ---- the console

    /** Creates one waiting document per upload (marked used), in the order given; 400 lists every bad id. */
    public List<StoredDocument> create(UUID workspaceId, UUID datasetId, UUID accountId, List<UUID> uploadIds,
                                       String batch, String processRuleJson) {
        Dataset dataset = requireDataset(workspaceId, datasetId);
        List<FieldError> errors = new ArrayList<>();
        List<UploadFile> files = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < uploadIds.size(); i++) {
            UUID id = uploadIds.get(i);
            String field = "upload_file_ids[" + i + "]";
            UploadFile file = em.find(UploadFile.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (!seen.add(id)) {
                errors.add(new FieldError(field, "lists the same upload file twice"));
            } else if (file == null || !file.workspaceId().equals(workspaceId)) {
                errors.add(new FieldError(field, "is not an upload file of this workspace"));
            } else if (file.mimeType().startsWith("image/")) {
                errors.add(new FieldError(field, "is an image, not a document"));
            } else if (file.used()) {
                errors.add(new FieldError(field, "is already used by a document"));
            } else {
                files.add(file);
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, "validation_failed", "The request has invalid fields", errors, Map.of());
        }
        Integer last = em.createQuery("select max(d.position) from DatasetDocument d where d.datasetId = :ds", Integer.class)
                .setParameter("ds", datasetId).getSingleResult();
        int position = last == null ? 0 : last;
        List<StoredDocument> created = new ArrayList<>();
        for (UploadFile file : files) {
            file.markUsed();
            DatasetDocument doc = DatasetDocument.upload(dataset, file.id(), file.name(), batch, ++position,
                    processRuleJson, accountId);
            em.persist(doc);
            created.add(DatasetStore.open(doc));
        }
        em.flush();
        return created;
    }

    public List<StoredDocument> batch(UUID workspaceId, UUID datasetId, String batch) {
        requireDataset(workspaceId, datasetId);
        List<StoredDocument> docs = em.createQuery("select d from DatasetDocument d where d.datasetId = :ds and d.batch = :b "
                        + "and d.deletedAt is null order by d.position", DatasetDocument.class)
                .setParameter("ds", datasetId).setParameter("b", batch).getResultList().stream().map(DatasetStore::open).toList();
        if (docs.isEmpty()) {
            throw ApiException.notFound("Batch");
        }
        return docs;
    }

    public StoredDocument get(UUID workspaceId, UUID datasetId, UUID documentId) {
        return DatasetStore.open(require(workspaceId, datasetId, documentId, false));
    }

    public StoredDocument rename(UUID workspaceId, UUID datasetId, UUID documentId, String name) {
        DatasetDocument doc = require(workspaceId, datasetId, documentId, false);
        doc.rename(name);
        return DatasetStore.open(doc);
    }

    /** The row lock waits for a chunk being written, so the index update after this sees all its segments. */
    public StoredDocument enable(UUID workspaceId, UUID datasetId, UUID documentId, boolean enabled) {
        DatasetDocument doc = require(workspaceId, datasetId, documentId, true);
        doc.enable(enabled);
        return DatasetStore.open(doc);
    }

    /** Soft delete; waits for a chunk being written (row lock), after which the job sees the delete and stops. */
    public void delete(UUID workspaceId, UUID datasetId, UUID documentId) {
        DatasetDocument doc = require(workspaceId, datasetId, documentId, true);
        if (DatasetDocument.MANUAL.equals(doc.source())) {
            throw ApiException.conflict("manual_document", "The manual segments document goes with its dataset");
        }
        doc.delete();
    }

    /** A running document stops at its job's next checkpoint; 409 unless it is running. */
    public StoredDocument pause(UUID workspaceId, UUID datasetId, UUID documentId) {
        require(workspaceId, datasetId, documentId, false);
        transition(documentId, "status = 'paused'", ACTIVE, "document_not_running", "Only a document being ingested can be paused");
        return get(workspaceId, datasetId, documentId);
    }

    /** A paused document waits for its job again, which goes on from the last segment written. */
    public StoredDocument resume(UUID workspaceId, UUID datasetId, UUID documentId) {
        require(workspaceId, datasetId, documentId, false);
        transition(documentId, "status = 'waiting', heartbeat_at = now()", "status = 'paused'", "document_not_paused",
                "Only a paused document can be resumed");
        return get(workspaceId, datasetId, documentId);
    }

    /** An errored document starts over: its segments, counts, times and error are gone. */
    public StoredDocument retry(UUID workspaceId, UUID datasetId, UUID documentId) {
        require(workspaceId, datasetId, documentId, true);
        transition(documentId, "status = 'waiting', heartbeat_at = now(), error = null, segment_count = 0, "
                        + "segments_total = null, character_count = 0, token_count = 0, processing_started_at = null, "
                        + "parsing_completed_at = null, splitting_completed_at = null, completed_at = null",
                "status = 'error'", "document_not_failed", "Only a document that failed can be retried");
        em.createNativeQuery("delete from segment where document_id = :id").setParameter("id", documentId).executeUpdate();
        em.clear();
        return get(workspaceId, datasetId, documentId);
    }

    private void transition(UUID documentId, String set, String when, String code, String refusal) {
        int changed = em.createNativeQuery("update document set " + set + ", updated_at = now() where id = :id and "
                        + "deleted_at is null and source = 'upload' and " + when)
                .setParameter("id", documentId).executeUpdate();
        em.clear();
        if (changed == 0) {
            throw ApiException.conflict(code, refusal);
        }
    }

    /** A page of the document's segments as the index wants them (after enabling or disabling it). */
    public List<IndexedSegment> indexable(UUID documentId, int offset, int limit) {
        DatasetDocument doc = em.find(DatasetDocument.class, documentId);
        List<IndexedSegment> page = em.createQuery("select s from Segment s where s.documentId = :doc order by s.position",
                        Segment.class)
                .setParameter("doc", documentId).setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                .map(s -> DatasetStore.open(s).indexed(doc.enabled() && doc.deletedAt() == null)).toList();
        em.clear();
        return page;
    }

    private Dataset requireDataset(UUID workspaceId, UUID datasetId) {
        return em.createQuery("select d from Dataset d where d.id = :id and d.workspaceId = :w and d.deletedAt is null",
                        Dataset.class)
                .setParameter("id", datasetId).setParameter("w", workspaceId)
                .getResultList().stream().findFirst().orElseThrow(() -> ApiException.notFound("Dataset"));
    }

    private DatasetDocument require(UUID workspaceId, UUID datasetId, UUID documentId, boolean lock) {
        requireDataset(workspaceId, datasetId);
        DatasetDocument doc = em.find(DatasetDocument.class, documentId,
                lock ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE);
        if (doc == null || !doc.datasetId().equals(datasetId) || doc.deletedAt() != null) {
            throw ApiException.notFound("Document");
        }
        return doc;
    }

    // ---- the job

    /**
     * Starts (or resumes) work on a document: its status becomes the stage it goes on from — parsing,
     * splitting once parsed, indexing once split — unless it is paused, failed, completed or deleted
     * (then empty: the job has nothing to do).
     */
    public Optional<Work> begin(UUID documentId) {
        int changed = em.createNativeQuery("update document set status = case when splitting_completed_at is not null "
                        + "then 'indexing' when parsing_completed_at is not null then 'splitting' else 'parsing' end, "
                        + "processing_started_at = coalesce(processing_started_at, now()), heartbeat_at = now(), "
                        + "updated_at = now() where id = :id and deleted_at is null and source = 'upload' and " + ACTIVE)
                .setParameter("id", documentId).executeUpdate();
        if (changed == 0) {
            return Optional.empty();
        }
        Object[] row = (Object[]) em.createNativeQuery("select d.workspace_id, d.dataset_id, ds.embedding_provider, "
                        + "ds.embedding_model, f.storage_key, f.extension, cast(d.process_rule as text), d.status, "
                        + "d.segments_total from document d join dataset ds on ds.id = d.dataset_id "
                        + "join upload_file f on f.id = d.upload_file_id where d.id = :id")
                .setParameter("id", documentId).getSingleResult();
        return Optional.of(new Work(documentId, (UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3],
                (String) row[4], (String) row[5], (String) row[6], (String) row[7],
                row[8] == null ? null : ((Number) row[8]).intValue()));
    }

    /** Parsing done: splitting next. False when the document stopped meanwhile (paused, deleted). */
    public boolean parsed(UUID documentId) {
        return advance(documentId, "parsing", "status = 'splitting', parsing_completed_at = now()");
    }

    /** Splitting done with this many segments: indexing next. */
    public boolean split(UUID documentId, int segments) {
        return em.createNativeQuery("update document set status = 'indexing', segments_total = :n, "
                        + "splitting_completed_at = now(), heartbeat_at = now(), updated_at = now() "
                        + "where id = :id and deleted_at is null and status = 'splitting'")
                .setParameter("n", segments).setParameter("id", documentId).executeUpdate() == 1;
    }

    /** Every segment written: completed. */
    public boolean complete(UUID documentId) {
        return em.createNativeQuery("update document set status = 'completed', completed_at = now(), heartbeat_at = now(), "
                        + "updated_at = now() where id = :id and deleted_at is null and status = 'indexing' "
                        + "and segment_count = segments_total")
                .setParameter("id", documentId).executeUpdate() == 1;
    }

    private boolean advance(UUID documentId, String from, String set) {
        return em.createNativeQuery("update document set " + set + ", heartbeat_at = now(), updated_at = now() "
                        + "where id = :id and deleted_at is null and status = :from")
                .setParameter("id", documentId).setParameter("from", from).executeUpdate() == 1;
    }

    /** Marks a document that is still being worked on as failed, with the reason its owner sees. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void fail(UUID documentId, String reason) {
        em.createNativeQuery("update document set status = 'error', error = :e, heartbeat_at = now(), updated_at = now() "
                        + "where id = :id and deleted_at is null and " + ACTIVE)
                .setParameter("e", reason.length() > 2000 ? reason.substring(0, 2000) : reason)
                .setParameter("id", documentId).executeUpdate();
    }

    /**
     * Where indexing goes on: the first position below {@code total} without a segment. Chunks are
     * written in order, so that is normally one past the last; a gap (however it came) is filled too,
     * so the document always ends with every position.
     */
    public int nextPosition(UUID documentId, int total) {
        Number next = (Number) em.createNativeQuery("select coalesce(min(g), :total) from generate_series(0, :total - 1) g "
                        + "where not exists (select 1 from segment s where s.document_id = :id and s.position = g)")
                .setParameter("id", documentId).setParameter("total", total).getSingleResult();
        return next.intValue();
    }

    /**
     * Writes one chunk of segments in the caller's (the chunk step's) transaction: the document row is
     * locked first, so a concurrent pause or delete either waits for this chunk or is seen by it (then
     * nothing is written and empty is answered). Segments are upserted by (document, position) with an id
     * derived from them, so a chunk written twice (a relaunch after a crash) leaves one row per position.
     * The upserts go as one JDBC batch (one round trip, not one statement through Hibernate per segment).
     * Answers the segments as the index wants them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<List<IndexedSegment>> write(Work work, List<SegmentRow> rows) {
        Object[] doc = (Object[]) em.createNativeQuery("select status, enabled, deleted_at is null from document "
                        + "where id = :id for update")
                .setParameter("id", work.documentId()).getSingleResult();
        if (!"indexing".equals(doc[0]) || !Boolean.TRUE.equals(doc[2])) {
            return Optional.empty();
        }
        boolean documentEnabled = (Boolean) doc[1];
        List<IndexedSegment> indexed = new ArrayList<>(rows.size());
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT_SEGMENT)) {
                for (SegmentRow row : rows) {
                    UUID id = segmentId(work.documentId(), row.position());
                    int p = 0;
                    upsert.setObject(++p, id);
                    upsert.setObject(++p, work.workspaceId());
                    upsert.setObject(++p, work.datasetId());
                    upsert.setObject(++p, work.documentId());
                    upsert.setInt(++p, row.position());
                    upsert.setString(++p, row.content());
                    upsert.setString(++p, row.contentHash());
                    upsert.setString(++p, row.keywordsJson());
                    upsert.setInt(++p, row.tokenCount());
                    upsert.setInt(++p, row.content().codePointCount(0, row.content().length()));
                    if (row.vector() == null) {
                        upsert.setNull(++p, Types.ARRAY);
                    } else {
                        upsert.setObject(++p, row.vector());
                    }
                    upsert.addBatch();
                    indexed.add(new IndexedSegment(id.toString(), work.workspaceId().toString(), work.datasetId().toString(),
                            work.documentId().toString(), row.position(), row.content(),
                            DatasetStore.keywords(row.keywordsJson()), row.vector(), documentEnabled));
                }
                upsert.executeBatch();
            }
        });
        // counts recomputed from the rows: right however often a chunk was replayed
        em.createNativeQuery("update document d set segment_count = s.n, character_count = s.chars, token_count = s.tokens, "
                        + "heartbeat_at = now(), updated_at = now() from (select count(*) n, coalesce(sum(character_count), 0) chars, "
                        + "coalesce(sum(token_count), 0) tokens from segment where document_id = :id) s where d.id = :id")
                .setParameter("id", work.documentId()).executeUpdate();
        return Optional.of(indexed);
    }

    /** The id of a document's segment at a position: the same for every run that writes it. */
    static UUID segmentId(UUID documentId, int position) {
        return UUID.nameUUIDFromBytes((documentId + "/" + position).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The jobs this instance runs are alive: their documents' heartbeats move on. */
    public void heartbeat(Set<UUID> documentIds) {
        if (!documentIds.isEmpty()) {
            em.createNativeQuery("update document set heartbeat_at = now() where id in (:ids) and " + ACTIVE)
                    .setParameter("ids", documentIds).executeUpdate();
        }
    }

    /** Documents still to be ingested whose heartbeat is older than {@code staleAfter}: their job died or never started. */
    @SuppressWarnings("unchecked")
    public List<UUID> stale(Duration staleAfter, int limit) {
        return em.createNativeQuery("select id from document where deleted_at is null and source = 'upload' and " + ACTIVE
                        + " and (heartbeat_at is null or heartbeat_at < :before) order by heartbeat_at nulls first limit :n")
                .setParameter("before", Instant.now().minus(staleAfter)).setParameter("n", limit)
                .getResultList();
    }

    public Optional<String> status(UUID documentId) {
        return em.createQuery("select d.status from DatasetDocument d where d.id = :id and d.deletedAt is null", String.class)
                .setParameter("id", documentId).getResultList().stream().findFirst();
    }
}
