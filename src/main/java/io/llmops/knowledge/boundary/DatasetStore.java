package io.llmops.knowledge.boundary;

import io.llmops.platform.persistence.WorkspaceNames;
import io.llmops.knowledge.control.IndexedSegment;
import io.llmops.knowledge.entity.Dataset;
import io.llmops.knowledge.entity.DatasetDocument;
import io.llmops.knowledge.entity.DatasetQuery;
import io.llmops.knowledge.entity.Segment;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.json.JsonbProvider;
import io.llmops.platform.paging.Page;
import io.llmops.platform.paging.PageQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.lang.reflect.Type;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Storage of datasets, their documents, segments and recorded queries, always scoped to a workspace
 * (another workspace's ids answer 404). Deleted datasets and documents are hidden at once; their rows
 * wait for the clean-up timer. Entities stay in here.
 */
@ApplicationScoped
@Transactional
public class DatasetStore {

    private static final Type STRING_LIST = new ArrayList<String>() { }.getClass().getGenericSuperclass();
    private static final String LISTED = "d.workspaceId = :w and d.deletedAt is null and lower(d.name) like :pattern escape '\\'";

    @PersistenceContext(unitName = "llmops")
    EntityManager em;

    public record StoredDataset(UUID id, UUID workspaceId, String name, String description, String icon,
                                String embeddingProvider, String embeddingModel, String retrievalSettingsJson,
                                long documentCount, long characterCount, long hitCount, long appCount,
                                Instant createdAt, Instant updatedAt) {
    }

    /**
     * What searching and embedding need of a dataset, without the counts of {@link StoredDataset} (which
     * sum over every segment: tens of milliseconds at 100k segments, paid by every hit test otherwise).
     */
    public record SearchTarget(UUID id, UUID workspaceId, String name, String embeddingProvider, String embeddingModel,
                               String retrievalSettingsJson) {
    }

    public record DatasetDraft(String name, String description, String icon, String embeddingProvider,
                               String embeddingModel, String retrievalSettingsJson) {
    }

    /** Changes to a dataset; null fields stay. */
    public record DatasetChange(String name, String description, String icon, String retrievalSettingsJson) {
    }

    public record StoredDocument(UUID id, UUID workspaceId, UUID datasetId, String name, String source,
                                 UUID uploadFileId, String batch, String processRuleJson, String status, int position,
                                 boolean enabled, int segmentCount, Integer segmentsTotal, long characterCount,
                                 long tokenCount, String error, Instant processingStartedAt,
                                 Instant parsingCompletedAt, Instant splittingCompletedAt, Instant completedAt,
                                 Instant heartbeatAt, Instant createdAt, Instant updatedAt) {
    }

    public record StoredSegment(UUID id, UUID workspaceId, UUID datasetId, UUID documentId, int position,
                                String content, String contentHash, List<String> keywords, int characterCount,
                                int tokenCount, boolean enabled, long hitCount, float[] vector, Instant createdAt,
                                Instant updatedAt) {

        public IndexedSegment indexed(boolean documentEnabled) {
            return new IndexedSegment(id.toString(), workspaceId.toString(), datasetId.toString(), documentId.toString(),
                    position, content, keywords, vector, enabled && documentEnabled);
        }
    }

    /** A segment's new text with what was computed from it. */
    public record SegmentDraft(String content, String contentHash, List<String> keywords, int tokenCount, float[] vector) {
    }

    public record HitInfo(String documentName, List<String> keywords, long hitCount) {
    }

    public record StoredQuery(UUID id, String query, String strategy, String source, Instant createdAt) {
    }

    // ---- datasets

    public StoredDataset create(UUID workspaceId, UUID accountId, DatasetDraft draft) {
        names().requireFree(workspaceId, draft.name(), null);
        Dataset dataset = new Dataset(workspaceId, draft.name(), draft.description(), draft.icon(),
                draft.embeddingProvider(), draft.embeddingModel(), draft.retrievalSettingsJson(), accountId);
        em.persist(dataset);
        em.persist(DatasetDocument.manual(dataset, accountId));
        names().flush();
        return open(dataset);
    }

    public StoredDataset get(UUID workspaceId, UUID datasetId) {
        return open(require(workspaceId, datasetId));
    }

    public StoredDataset update(UUID workspaceId, UUID datasetId, DatasetChange change) {
        Dataset dataset = require(workspaceId, datasetId);
        if (change.name() != null && !change.name().equals(dataset.name())) {
            names().requireFree(workspaceId, change.name(), datasetId);
            dataset.rename(change.name());
        }
        if (change.description() != null) {
            dataset.describe(change.description());
        }
        if (change.icon() != null) {
            dataset.changeIcon(change.icon());
        }
        if (change.retrievalSettingsJson() != null) {
            dataset.changeRetrievalSettings(change.retrievalSettingsJson());
        }
        names().flush();
        return open(dataset);
    }

    public void delete(UUID workspaceId, UUID datasetId) {
        Dataset dataset = require(workspaceId, datasetId);
        // the documents first, in id order, then the dataset row: the order hit writers lock them in (writeHits)
        em.createNativeQuery("select id from document where dataset_id = :ds and deleted_at is null order by id for update")
                .setParameter("ds", datasetId).getResultList();
        dataset.delete();
        em.createQuery("update DatasetDocument d set d.deletedAt = :now where d.datasetId = :ds and d.deletedAt is null")
                .setParameter("now", dataset.deletedAt()).setParameter("ds", datasetId).executeUpdate();
    }

    /** Newest first; {@code search} matches anywhere in the name, ignoring case. */
    public Page<StoredDataset> list(UUID workspaceId, String search, PageQuery page) {
        String pattern = likePattern(search);
        List<StoredDataset> items = em.createQuery("select d from Dataset d where " + LISTED
                        + " order by d.createdAt desc, d.id desc", Dataset.class)
                .setParameter("w", workspaceId).setParameter("pattern", pattern)
                .setFirstResult(page.offset()).setMaxResults(page.pageSize())
                .getResultList().stream().map(this::open).toList();
        long total = em.createQuery("select count(d) from Dataset d where " + LISTED, Long.class)
                .setParameter("w", workspaceId).setParameter("pattern", pattern).getSingleResult();
        return Page.of(items, page, total);
    }

    private StoredDataset open(Dataset d) {
        // the empty manual document is an implementation detail, not a document the owner added
        Object[] docs = (Object[]) em.createNativeQuery("select count(*), coalesce(sum(character_count), 0) from document "
                        + "where dataset_id = :ds and deleted_at is null and (source <> 'manual' or segment_count > 0)")
                .setParameter("ds", d.id()).getSingleResult();
        return new StoredDataset(d.id(), d.workspaceId(), d.name(), d.description(), d.icon(), d.embeddingProvider(),
                d.embeddingModel(), d.retrievalSettings(), ((Number) docs[0]).longValue(), ((Number) docs[1]).longValue(),
                d.hitCount(), appCount(d.workspaceId(), d.id()), d.createdAt(), d.updatedAt());
    }

    /** Apps (not deleted) whose draft or published config lists the dataset; SQL only, as apps sit a floor above. */
    private long appCount(UUID workspaceId, UUID datasetId) {
        String ids = "[\"" + datasetId + "\"]";
        return ((Number) em.createNativeQuery("select count(*) from app a where a.workspace_id = :w and a.deleted_at is null "
                        + "and ((a.draft_config -> 'datasets') @> cast(:ids as jsonb) or exists (select 1 from app_config_version v "
                        + "where v.id = a.published_version_id and (v.config -> 'datasets') @> cast(:ids as jsonb)))")
                .setParameter("w", workspaceId).setParameter("ids", ids).getSingleResult()).longValue();
    }


    private WorkspaceNames names() {
        return new WorkspaceNames(em, "Dataset", "e.deletedAt is null", DatasetStore::nameTaken);
    }

    private static ApiException nameTaken(String name) {
        return ApiException.conflict("dataset_exists", "A dataset named " + name + " already exists in this workspace");
    }

    private Dataset require(UUID workspaceId, UUID datasetId) {
        return live(workspaceId, datasetId).orElseThrow(() -> ApiException.notFound("Dataset"));
    }

    /** By primary key (the cheapest read Hibernate has: every hit test starts here), then checked. */
    private Optional<Dataset> live(UUID workspaceId, UUID datasetId) {
        Dataset dataset = em.find(Dataset.class, datasetId);
        return dataset == null || !dataset.workspaceId().equals(workspaceId) || dataset.deletedAt() != null
                ? Optional.empty() : Optional.of(dataset);
    }

    /** The live (not deleted) dataset of the workspace with this id, if there is one, to search it. */
    public Optional<SearchTarget> findSearchTarget(UUID workspaceId, UUID datasetId) {
        return live(workspaceId, datasetId).map(d -> new SearchTarget(d.id(), d.workspaceId(), d.name(),
                d.embeddingProvider(), d.embeddingModel(), d.retrievalSettings()));
    }

    /** {@link #findSearchTarget}, or 404. */
    public SearchTarget searchTarget(UUID workspaceId, UUID datasetId) {
        return findSearchTarget(workspaceId, datasetId).orElseThrow(() -> ApiException.notFound("Dataset"));
    }

    /** Whether a live (not deleted) dataset of the workspace has this id. */
    public boolean exists(UUID workspaceId, UUID datasetId) {
        return live(workspaceId, datasetId).isPresent();
    }

    /** Document names by id (for naming retrieved segments). */
    public Map<UUID, String> documentNames(Collection<UUID> documentIds) {
        Map<UUID, String> names = new HashMap<>();
        if (documentIds.isEmpty()) {
            return names;
        }
        em.createQuery("select d.id, d.name from DatasetDocument d where d.id in :ids", Object[].class)
                .setParameter("ids", documentIds).getResultList()
                .forEach(row -> names.put((UUID) row[0], (String) row[1]));
        return names;
    }

    // ---- documents

    public Page<StoredDocument> documents(UUID workspaceId, UUID datasetId, String search, PageQuery page) {
        require(workspaceId, datasetId);
        String where = "d.datasetId = :ds and d.deletedAt is null and lower(d.name) like :pattern escape '\\'";
        String pattern = likePattern(search);
        List<StoredDocument> items = em.createQuery("select d from DatasetDocument d where " + where
                        + " order by d.position, d.createdAt, d.id", DatasetDocument.class)
                .setParameter("ds", datasetId).setParameter("pattern", pattern)
                .setFirstResult(page.offset()).setMaxResults(page.pageSize())
                .getResultList().stream().map(DatasetStore::open).toList();
        long total = em.createQuery("select count(d) from DatasetDocument d where " + where, Long.class)
                .setParameter("ds", datasetId).setParameter("pattern", pattern).getSingleResult();
        return Page.of(items, page, total);
    }

    static StoredDocument open(DatasetDocument d) {
        return new StoredDocument(d.id(), d.workspaceId(), d.datasetId(), d.name(), d.source(), d.uploadFileId(),
                d.batch(), d.processRule(), d.status(), d.position(), d.enabled(), d.segmentCount(), d.segmentsTotal(),
                d.characterCount(), d.tokenCount(), d.error(), d.processingStartedAt(), d.parsingCompletedAt(),
                d.splittingCompletedAt(), d.completedAt(), d.heartbeatAt(), d.createdAt(), d.updatedAt());
    }

    private DatasetDocument requireDocument(UUID workspaceId, UUID datasetId, UUID documentId, boolean lock) {
        require(workspaceId, datasetId);
        DatasetDocument doc = em.find(DatasetDocument.class, documentId,
                lock ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE);
        if (doc == null || !doc.datasetId().equals(datasetId) || doc.deletedAt() != null) {
            throw ApiException.notFound("Document");
        }
        return doc;
    }

    // ---- segments

    /** In position order; {@code search} matches anywhere in the content, ignoring case. */
    public Page<StoredSegment> segments(UUID workspaceId, UUID datasetId, UUID documentId, String search, PageQuery page) {
        requireDocument(workspaceId, datasetId, documentId, false);
        String where = "s.documentId = :doc and lower(s.content) like :pattern escape '\\'";
        String pattern = likePattern(search);
        List<StoredSegment> items = em.createQuery("select s from Segment s where " + where + " order by s.position",
                        Segment.class)
                .setParameter("doc", documentId).setParameter("pattern", pattern)
                .setFirstResult(page.offset()).setMaxResults(page.pageSize())
                .getResultList().stream().map(DatasetStore::open).toList();
        long total = em.createQuery("select count(s) from Segment s where " + where, Long.class)
                .setParameter("doc", documentId).setParameter("pattern", pattern).getSingleResult();
        return Page.of(items, page, total);
    }

    /** Appends a segment after the document's last one (the document row lock serialises positions). */
    public StoredSegment addSegment(UUID workspaceId, UUID datasetId, UUID documentId, SegmentDraft draft) {
        DatasetDocument doc = requireDocument(workspaceId, datasetId, documentId, true);
        requireCompleted(doc);
        Integer last = em.createQuery("select max(s.position) from Segment s where s.documentId = :doc", Integer.class)
                .setParameter("doc", documentId).getSingleResult();
        Segment segment = new Segment(workspaceId, datasetId, documentId, last == null ? 0 : last + 1);
        segment.write(draft.content(), draft.contentHash(), JsonbProvider.shared().toJson(draft.keywords()),
                draft.tokenCount(), draft.vector());
        em.persist(segment);
        doc.count(1, segment.characterCount(), segment.tokenCount());
        return open(segment);
    }

    public StoredSegment segment(UUID workspaceId, UUID datasetId, UUID documentId, UUID segmentId) {
        return open(requireSegment(workspaceId, datasetId, documentId, segmentId, false));
    }

    public boolean documentEnabled(UUID documentId) {
        DatasetDocument doc = em.find(DatasetDocument.class, documentId);
        return doc != null && doc.enabled();
    }

    /** The ingestion job owns the positions and counts of a document it has not finished. */
    private static void requireCompleted(DatasetDocument doc) {
        if (!DatasetDocument.COMPLETED.equals(doc.status())) {
            throw ApiException.conflict("document_not_ready", "Segments can be added, edited or deleted once the document is completed");
        }
    }

    public StoredSegment editSegment(UUID workspaceId, UUID datasetId, UUID documentId, UUID segmentId, SegmentDraft draft) {
        Segment segment = requireSegment(workspaceId, datasetId, documentId, segmentId, true);
        DatasetDocument doc = em.find(DatasetDocument.class, documentId);
        requireCompleted(doc);
        int characters = segment.characterCount();
        int tokens = segment.tokenCount();
        segment.write(draft.content(), draft.contentHash(), JsonbProvider.shared().toJson(draft.keywords()),
                draft.tokenCount(), draft.vector());
        doc.count(0, segment.characterCount() - characters, segment.tokenCount() - tokens);
        return open(segment);
    }

    public StoredSegment enableSegment(UUID workspaceId, UUID datasetId, UUID documentId, UUID segmentId, boolean enabled) {
        Segment segment = requireSegment(workspaceId, datasetId, documentId, segmentId, false);
        segment.enable(enabled);
        return open(segment);
    }

    public void deleteSegment(UUID workspaceId, UUID datasetId, UUID documentId, UUID segmentId) {
        Segment segment = requireSegment(workspaceId, datasetId, documentId, segmentId, true);
        DatasetDocument doc = em.find(DatasetDocument.class, documentId);
        requireCompleted(doc);
        doc.count(-1, -segment.characterCount(), -segment.tokenCount());
        em.remove(segment);
    }

    private Segment requireSegment(UUID workspaceId, UUID datasetId, UUID documentId, UUID segmentId, boolean lockDocument) {
        requireDocument(workspaceId, datasetId, documentId, lockDocument);
        Segment segment = em.find(Segment.class, segmentId);
        if (segment == null || !segment.documentId().equals(documentId)) {
            throw ApiException.notFound("Segment");
        }
        return segment;
    }

    static StoredSegment open(Segment s) {
        return new StoredSegment(s.id(), s.workspaceId(), s.datasetId(), s.documentId(), s.position(), s.content(),
                s.contentHash(), keywords(s.keywords()), s.characterCount(), s.tokenCount(), s.enabled(), s.hitCount(),
                s.vector(), s.createdAt(), s.updatedAt());
    }

    static List<String> keywords(String json) {
        return json == null ? List.of() : JsonbProvider.shared().fromJson(json, STRING_LIST);
    }

    // ---- index rebuilds

    /** Segments of the dataset's live documents: what its index should hold. */
    public long indexableCount(UUID datasetId) {
        return em.createQuery("select count(s) from Segment s, DatasetDocument d where d.id = s.documentId "
                        + "and s.datasetId = :ds and d.deletedAt is null", Long.class)
                .setParameter("ds", datasetId).getSingleResult();
    }

    /** One page of {@link #indexableCount}'s segments, in id order, as the index wants them. */
    public List<IndexedSegment> indexable(UUID datasetId, int offset, int limit) {
        List<Object[]> rows = em.createQuery("select s, d.enabled from Segment s, DatasetDocument d where d.id = s.documentId "
                        + "and s.datasetId = :ds and d.deletedAt is null order by s.id", Object[].class)
                .setParameter("ds", datasetId).setFirstResult(offset).setMaxResults(limit).getResultList();
        List<IndexedSegment> segments = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            segments.add(open((Segment) row[0]).indexed((Boolean) row[1]));
        }
        em.clear();
        return segments;
    }

    // ---- queries and hits

    /** What a hit view shows of these segments besides what the index answered (stored hit counts). */
    public Map<UUID, HitInfo> hitInfo(List<UUID> segmentIds) {
        Map<UUID, HitInfo> info = new HashMap<>();
        if (segmentIds.isEmpty()) {
            return info;
        }
        // plain JDBC with one array parameter: one statement text whatever the number of ids
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select s.id, d.name, s.keywords, s.hit_count "
                    + "from segment s join document d on d.id = s.document_id where s.id = any(?)")) {
                select.setArray(1, connection.createArrayOf("uuid", segmentIds.toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        info.put(rs.getObject(1, UUID.class),
                                new HitInfo(rs.getString(2), keywords(rs.getString(3)), rs.getLong(4)));
                    }
                }
            }
        });
        return info;
    }

    /** One hit test to write down: the query and the segments it found. */
    public record RecordedHit(UUID workspaceId, UUID datasetId, UUID accountId, String query, String strategy,
                              Instant at, List<UUID> segmentIds) {
    }

    /**
     * Writes hit tests in one transaction: their queries (skipping a dataset or account purged meanwhile),
     * one more hit on each segment found, and the same number on its dataset's counter. Only segments of
     * live documents count, as for the dataset's counter ({@code V11}): their documents are share-locked,
     * so a document deleted concurrently is deleted either before (its segments skipped) or after (the
     * deletion's trigger subtracts hits including these). Rows are locked in document, segment, then
     * dataset id order, the order every other writer of them follows, so concurrent writers never deadlock.
     */
    public void writeHits(List<RecordedHit> hits) {
        Map<UUID, Long> perSegment = new HashMap<>();
        for (RecordedHit hit : hits) {
            for (UUID id : hit.segmentIds()) {
                perSegment.merge(id, 1L, Long::sum);
            }
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into dataset_query (id, dataset_id, "
                    + "workspace_id, query, strategy, source, created_by, created_at) select ?, ?, ?, ?, ?, ?, "
                    + "(select a.id from account a where a.id = ?), ? where exists (select 1 from dataset where id = ?)")) {
                for (RecordedHit hit : hits) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setObject(2, hit.datasetId());
                    insert.setObject(3, hit.workspaceId());
                    insert.setString(4, hit.query());
                    insert.setString(5, hit.strategy());
                    insert.setString(6, DatasetQuery.HIT_TESTING);
                    insert.setObject(7, hit.accountId());
                    insert.setObject(8, hit.at().atOffset(ZoneOffset.UTC));
                    insert.setObject(9, hit.datasetId());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            if (perSegment.isEmpty()) {
                return;
            }
            Map<Long, List<UUID>> byCount = new TreeMap<>();
            Map<UUID, Long> perDataset = new TreeMap<>();
            try (PreparedStatement live = connection.prepareStatement("select s.id, s.dataset_id from segment s "
                    + "join document d on d.id = s.document_id where s.id = any(?) and d.deleted_at is null "
                    + "order by d.id, s.id for no key update of s for share of d")) {
                live.setArray(1, connection.createArrayOf("uuid", perSegment.keySet().toArray()));
                try (ResultSet rs = live.executeQuery()) {
                    while (rs.next()) {
                        UUID segment = rs.getObject(1, UUID.class);
                        long count = perSegment.get(segment);
                        byCount.computeIfAbsent(count, c -> new ArrayList<>()).add(segment);
                        perDataset.merge(rs.getObject(2, UUID.class), count, Long::sum);
                    }
                }
            }
            try (PreparedStatement segments = connection.prepareStatement(
                    "update segment set hit_count = hit_count + ? where id = any(?)")) {
                for (Map.Entry<Long, List<UUID>> e : byCount.entrySet()) {
                    segments.setLong(1, e.getKey());
                    segments.setArray(2, connection.createArrayOf("uuid", e.getValue().toArray()));
                    segments.addBatch();
                }
                segments.executeBatch();
            }
            try (PreparedStatement datasets = connection.prepareStatement(
                    "update dataset set hit_count = hit_count + ? where id = ?")) {
                for (Map.Entry<UUID, Long> e : perDataset.entrySet()) {
                    datasets.setLong(1, e.getValue());
                    datasets.setObject(2, e.getKey());
                    datasets.addBatch();
                }
                datasets.executeBatch();
            }
        });
    }

    public List<StoredQuery> latestQueries(UUID workspaceId, UUID datasetId, int limit) {
        require(workspaceId, datasetId);
        return em.createQuery("select q from DatasetQuery q where q.datasetId = :ds order by q.createdAt desc, q.id",
                        DatasetQuery.class)
                .setParameter("ds", datasetId).setMaxResults(limit).getResultList().stream()
                .map(q -> new StoredQuery(q.id(), q.query(), q.strategy(), q.source(), q.createdAt())).toList();
    }

    static String likePattern(String search) {
        String text = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
