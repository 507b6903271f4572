package io.llmops.knowledge.boundary;

import io.llmops.knowledge.boundary.DatasetDtos.DatasetPatch;
import io.llmops.knowledge.boundary.DatasetDtos.DatasetRequest;
import io.llmops.knowledge.boundary.DatasetDtos.DatasetView;
import io.llmops.knowledge.boundary.DatasetDtos.DocumentView;
import io.llmops.knowledge.boundary.DatasetDtos.HitRequest;
import io.llmops.knowledge.boundary.DatasetDtos.HitView;
import io.llmops.knowledge.boundary.DatasetDtos.HitsView;
import io.llmops.knowledge.boundary.DatasetDtos.QueryView;
import io.llmops.knowledge.boundary.DatasetDtos.RetrievalSettingsBody;
import io.llmops.knowledge.boundary.DatasetDtos.RetrievalSettingsView;
import io.llmops.knowledge.boundary.DatasetDtos.SegmentPatch;
import io.llmops.knowledge.boundary.DatasetDtos.SegmentRequest;
import io.llmops.knowledge.boundary.DatasetDtos.SegmentView;
import io.llmops.knowledge.boundary.DatasetStore.SearchTarget;
import io.llmops.knowledge.boundary.DatasetStore.SegmentDraft;
import io.llmops.knowledge.boundary.DatasetStore.StoredDataset;
import io.llmops.knowledge.boundary.DatasetStore.StoredSegment;
import io.llmops.knowledge.control.EmbeddingCache;
import io.llmops.knowledge.control.EmbeddingModels;
import io.llmops.knowledge.control.IndexedSegment;
import io.llmops.knowledge.control.KeywordExtractor;
import io.llmops.knowledge.control.RetrievalSettings;
import io.llmops.knowledge.control.RetrievalStrategy;
import io.llmops.knowledge.control.SegmentHit;
import io.llmops.knowledge.control.SegmentIndex;
import io.llmops.knowledge.control.SegmentKeywords;
import io.llmops.knowledge.control.SegmentQuery;
import io.llmops.knowledge.control.TokenLength;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.json.JsonbProvider;
import io.llmops.platform.paging.Page;
import io.llmops.platform.paging.PageQuery;
import io.llmops.platform.persistence.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The datasets facade: datasets, their documents and manual segments, hit testing. Rows are written
 * first (PostgreSQL is the source of truth), then the index is told; embedding happens before the
 * transaction so a slow model never holds row locks. A dataset whose segments are missing from the
 * index (new or wiped index directory) is rebuilt from PostgreSQL before it is searched.
 */
@ApplicationScoped
public class Datasets {

    private static final Logger LOG = Logger.getLogger(Datasets.class.getName());
    static final int MAX_SEARCH = 200;
    static final int LATEST_QUERIES = 10;
    static final int REBUILD_PAGE = 500;
    static final String DEFAULT_ICON = "📚";

    @Inject
    DatasetStore store;

    @Inject
    KnowledgeIndex index;

    @Inject
    Embedders embedders;

    @Inject
    HitWriter hitWriter;

    private final KeywordExtractor keywords = new KeywordExtractor();
    private final TokenLength tokens = TokenLength.o200k();
    /** One rebuild per dataset at a time; searches of that dataset wait for it. */
    private final Map<UUID, Object> rebuildLocks = new ConcurrentHashMap<>();

    // ---- datasets

    public DatasetView create(UUID workspaceId, UUID accountId, DatasetRequest request) {
        String provider = orDefault(request.embeddingProvider(), EmbeddingModels.LOCAL_PROVIDER);
        String model = orDefault(request.embeddingModel(), EmbeddingModels.LOCAL_MODEL);
        embedders.requireAvailable(workspaceId, provider, model);
        RetrievalSettings settings = settings(RetrievalSettings.DEFAULT, request.retrievalSettings());
        String icon = request.icon() == null || request.icon().isBlank() ? DEFAULT_ICON : request.icon().strip();
        return view(store.create(workspaceId, accountId, new DatasetStore.DatasetDraft(request.name().strip(),
                request.description() == null ? "" : request.description().strip(), icon, provider, model, json(settings))));
    }

    public DatasetView get(UUID workspaceId, UUID datasetId) {
        hitWriter.awaitWritten(datasetId);
        return view(store.get(workspaceId, datasetId));
    }

    public Page<DatasetView> list(UUID workspaceId, String search, PageQuery page) {
        hitWriter.awaitWrittenInWorkspace(workspaceId);
        return store.list(workspaceId, checkedSearch(search), page).map(Datasets::view);
    }

    public DatasetView update(UUID workspaceId, UUID datasetId, DatasetPatch patch) {
        StoredDataset current = store.get(workspaceId, datasetId);
        if (patch.embeddingProvider() != null || patch.embeddingModel() != null) {
            String provider = orDefault(patch.embeddingProvider(), current.embeddingProvider());
            String model = orDefault(patch.embeddingModel(), current.embeddingModel());
            if (!provider.equals(current.embeddingProvider()) || !model.equals(current.embeddingModel())) {
                throw ApiException.invalidField("embedding_model", "cannot be changed yet: every segment would need re-embedding");
            }
        }
        String settings = patch.retrievalSettings() == null ? null
                : json(settings(settings(current.retrievalSettingsJson()), patch.retrievalSettings()));
        return view(store.update(workspaceId, datasetId, new DatasetStore.DatasetChange(
                patch.name() == null ? null : patch.name().strip(),
                patch.description() == null ? null : patch.description().strip(),
                patch.icon() == null || patch.icon().isBlank() ? null : patch.icon().strip(), settings)));
    }

    /** Hides the dataset at once and takes its segments out of the index; rows wait for the clean-up timer. */
    public void delete(UUID workspaceId, UUID datasetId) {
        store.delete(workspaceId, datasetId);
        index.get().deleteDataset(datasetId.toString());
    }

    // ---- documents and segments

    public Page<DocumentView> documents(UUID workspaceId, UUID datasetId, String search, PageQuery page) {
        return store.documents(workspaceId, datasetId, checkedSearch(search), page).map(Datasets::view);
    }

    public Page<SegmentView> segments(UUID workspaceId, UUID datasetId, UUID documentId, String search, PageQuery page) {
        hitWriter.awaitWritten(datasetId);
        return store.segments(workspaceId, datasetId, documentId, checkedSearch(search), page).map(Datasets::view);
    }

    public SegmentView addSegment(UUID workspaceId, UUID datasetId, UUID documentId, SegmentRequest request) {
        SearchTarget dataset = store.searchTarget(workspaceId, datasetId);
        SegmentDraft draft = draft(dataset, request.content().strip(), request.keywords());
        StoredSegment segment = store.addSegment(workspaceId, datasetId, documentId, draft);
        index.get().upsert(List.of(segment.indexed(store.documentEnabled(documentId))));
        return view(segment);
    }

    /** New content is re-embedded and re-indexed; keywords given replace the stored ones, else new content gets extracted ones. */
    public SegmentView editSegment(UUID workspaceId, UUID datasetId, UUID documentId, UUID segmentId, SegmentPatch patch) {
        hitWriter.awaitWritten(datasetId);
        SearchTarget dataset = store.searchTarget(workspaceId, datasetId);
        StoredSegment current = store.segment(workspaceId, datasetId, documentId, segmentId);
        String content = patch.content() == null ? current.content() : patch.content().strip();
        SegmentDraft draft;
        if (content.equals(current.content())) {
            List<String> kept = patch.keywords() == null ? current.keywords() : SegmentKeywords.clean(patch.keywords());
            draft = new SegmentDraft(content, current.contentHash(), kept, current.tokenCount(), current.vector());
        } else {
            draft = draft(dataset, content, patch.keywords());
        }
        StoredSegment segment = store.editSegment(workspaceId, datasetId, documentId, segmentId, draft);
        index.get().upsert(List.of(segment.indexed(store.documentEnabled(documentId))));
        return view(segment);
    }

    public SegmentView enableSegment(UUID workspaceId, UUID datasetId, UUID documentId, UUID segmentId, boolean enabled) {
        hitWriter.awaitWritten(datasetId);
        StoredSegment segment = store.enableSegment(workspaceId, datasetId, documentId, segmentId, enabled);
        index.get().upsert(List.of(segment.indexed(store.documentEnabled(documentId))));
        return view(segment);
    }

    public void deleteSegment(UUID workspaceId, UUID datasetId, UUID documentId, UUID segmentId) {
        store.deleteSegment(workspaceId, datasetId, documentId, segmentId);
        index.get().deleteSegments(List.of(segmentId.toString()));
    }

    private SegmentDraft draft(SearchTarget dataset, String content, List<String> given) {
        List<String> words = given == null ? keywords.extract(content) : SegmentKeywords.clean(given);
        float[] vector = embedders.forSegments(dataset.workspaceId(), dataset.embeddingProvider(), dataset.embeddingModel())
                .embed(content);
        return new SegmentDraft(content, EmbeddingCache.contentHash(content), words, tokens.count(content), vector);
    }

    // ---- index and hit testing

    /**
     * One dataset's search, the same for hit testing and chat retrieval: the index is rebuilt first if
     * it lost the dataset, and the query is embedded once per embedding model ({@code queryVectors}).
     */
    private List<SegmentHit> search(SearchTarget dataset, RetrievalSettings settings, String text,
                                    Map<String, float[]> queryVectors) {
        ensureIndexed(dataset.id());
        float[] vector = settings.strategy() == RetrievalStrategy.FULL_TEXT ? null
                : queryVectors.computeIfAbsent(dataset.embeddingProvider() + "/" + dataset.embeddingModel(),
                        model -> embedders.embedQuery(dataset.workspaceId(), dataset.embeddingProvider(),
                                dataset.embeddingModel(), text));
        return index.get().search(new SegmentQuery(dataset.workspaceId().toString(), Set.of(dataset.id().toString()),
                Set.of(), true, text, vector, settings.strategy(), settings.k(), settings.score()));
    }

    private void ensureIndexed(UUID datasetId) {
        SegmentIndex segments = index.get();
        if (segments.count(datasetId.toString()) > 0) {
            return;
        }
        synchronized (rebuildLocks.computeIfAbsent(datasetId, id -> new Object())) {
            if (segments.count(datasetId.toString()) == 0 && store.indexableCount(datasetId) > 0) {
                long loaded = rebuild(datasetId);
                LOG.info("Rebuilt the index of dataset " + datasetId + " from PostgreSQL: " + loaded + " segments");
            }
        }
    }

    private long rebuild(UUID datasetId) {
        long loaded = 0;
        for (int offset = 0; ; offset += REBUILD_PAGE) {
            List<IndexedSegment> page = store.indexable(datasetId, offset, REBUILD_PAGE);
            index.get().upsert(page);
            loaded += page.size();
            if (page.size() < REBUILD_PAGE) {
                return loaded;
            }
        }
    }

    /**
     * Searches and answers; the query and the hit counts are written after the answer ({@link HitWriter}).
     * The hit counts shown are the stored ones plus this instance's still unwritten ones, this test included.
     */
    public HitsView hit(UUID workspaceId, UUID accountId, UUID datasetId, HitRequest request) {
        Instant at = Timestamps.now();
        SearchTarget dataset = store.searchTarget(workspaceId, datasetId);
        RetrievalSettings settings = settings(dataset.retrievalSettingsJson()).with(request.retrievalStrategy(), request.k(), request.score());
        String query = request.query().strip();
        List<SegmentHit> hits = search(dataset, settings, query, new HashMap<>());
        List<UUID> ids = hits.stream().map(h -> UUID.fromString(h.segmentId())).toList();
        Shown shown = hitWriter.consistentRead(() -> new Shown(store.hitInfo(ids), hitWriter.pending(ids)));
        hitWriter.record(new DatasetStore.RecordedHit(workspaceId, datasetId, accountId, query,
                settings.strategy().apiName(), at, ids));
        List<HitView> views = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            SegmentHit h = hits.get(i);
            UUID id = ids.get(i);
            DatasetStore.HitInfo info = shown.stored().get(id);
            long count = (info == null ? 0 : info.hitCount()) + shown.pending().getOrDefault(id, 0L) + 1;
            views.add(new HitView(h.score(), id, UUID.fromString(h.documentId()), info == null ? null : info.documentName(),
                    h.position(), h.content(), info == null ? List.of() : info.keywords(), count));
        }
        return new HitsView(query, settings.strategy().apiName(), settings.k(), settings.score(), views);
    }

    private record Shown(Map<UUID, DatasetStore.HitInfo> stored, Map<UUID, Long> pending) {
    }

    /** A segment retrieved for an app's chat turn, named for the model and for {@code retriever_resources}. */
    public record Retrieved(UUID datasetId, String datasetName, UUID documentId, String documentName, UUID segmentId,
                            int position, double score, String content) {
    }

    /**
     * Searches several live datasets of the workspace (an app's knowledge) and answers the best {@code k}
     * hits over all of them, best first. Each dataset is searched with its own embedding model and its
     * settings overridden by the given ones (null: the dataset's). Deleted or unknown ids are skipped.
     * Nothing is recorded: hit-test history stays the console's.
     */
    public List<Retrieved> retrieve(UUID workspaceId, List<UUID> datasetIds, String query, String strategy,
                                    Integer k, Double score) {
        String text = query == null ? "" : query.strip();
        if (text.isEmpty()) {
            return List.of();
        }
        Integer topK = k == null ? null : Math.min(k, SegmentQuery.MAX_K);
        List<Retrieved> all = new ArrayList<>();
        Map<String, float[]> queryVectors = new HashMap<>();
        for (UUID datasetId : new LinkedHashSet<>(datasetIds)) {
            SearchTarget dataset = store.findSearchTarget(workspaceId, datasetId).orElse(null);
            if (dataset == null) {
                continue;
            }
            RetrievalSettings settings = settings(dataset.retrievalSettingsJson()).with(strategy, topK, score);
            List<SegmentHit> hits = search(dataset, settings, text, queryVectors);
            Map<UUID, String> names = store.documentNames(hits.stream().map(h -> UUID.fromString(h.documentId())).toList());
            for (SegmentHit h : hits) {
                UUID documentId = UUID.fromString(h.documentId());
                all.add(new Retrieved(datasetId, dataset.name(), documentId, names.get(documentId),
                        UUID.fromString(h.segmentId()), h.position(), h.score(), h.content()));
            }
        }
        all.sort(Comparator.comparingDouble(Retrieved::score).reversed());
        int limit = topK == null ? SegmentQuery.MAX_K : topK;
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
    }

    /** Whether a live dataset of the workspace has this id (app configs may only list those). */
    public boolean exists(UUID workspaceId, UUID datasetId) {
        return store.exists(workspaceId, datasetId);
    }

    public List<QueryView> queries(UUID workspaceId, UUID datasetId) {
        hitWriter.awaitWritten(datasetId);
        return store.latestQueries(workspaceId, datasetId, LATEST_QUERIES).stream()
                .map(q -> new QueryView(q.id(), q.query(), q.strategy(), q.source(), q.createdAt())).toList();
    }

    // ---- helpers

    private static RetrievalSettings settings(RetrievalSettings base, RetrievalSettingsBody body) {
        return body == null ? base : base.with(body.retrievalStrategy(), body.k(), body.score());
    }

    static RetrievalSettings settings(String retrievalSettingsJson) {
        RetrievalSettingsView v = JsonbProvider.shared().fromJson(retrievalSettingsJson, RetrievalSettingsView.class);
        return new RetrievalSettings(RetrievalStrategy.fromApiName(v.retrievalStrategy()), v.k(), v.score());
    }

    private static String json(RetrievalSettings settings) {
        return JsonbProvider.shared().toJson(view(settings));
    }

    private static RetrievalSettingsView view(RetrievalSettings s) {
        return new RetrievalSettingsView(s.strategy().apiName(), s.k(), s.score());
    }

    static String checkedSearch(String search) {
        if (search != null && search.length() > MAX_SEARCH) {
            throw ApiException.invalidField("search", "must be at most " + MAX_SEARCH + " characters");
        }
        return search;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static DatasetView view(StoredDataset d) {
        return new DatasetView(d.id(), d.name(), d.description(), d.icon(), d.embeddingProvider(), d.embeddingModel(),
                view(settings(d.retrievalSettingsJson())), d.documentCount(), d.characterCount(), d.hitCount(), d.appCount(), d.createdAt(),
                d.updatedAt());
    }

    static DocumentView view(DatasetStore.StoredDocument d) {
        return new DocumentView(d.id(), d.name(), d.source(), d.uploadFileId(), d.batch(), d.status(), d.position(),
                d.enabled(), d.segmentCount(), d.segmentsTotal(), d.characterCount(), d.tokenCount(), d.error(),
                d.processingStartedAt(), d.parsingCompletedAt(), d.splittingCompletedAt(), d.completedAt(),
                d.createdAt(), d.updatedAt());
    }

    private static SegmentView view(StoredSegment s) {
        return new SegmentView(s.id(), s.documentId(), s.position(), s.content(), s.keywords(), s.characterCount(),
                s.tokenCount(), s.enabled(), s.hitCount(), s.createdAt(), s.updatedAt());
    }
}
