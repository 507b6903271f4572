package io.llmops.knowledge.control;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One retrieval. The workspace and dataset ids are mandatory and are part of the index query itself
 * (never a filter applied to a top-k afterwards). {@code documentIds} empty means every document.
 * {@code scoreThreshold} 0 keeps everything; what a score means per strategy is documented on
 * {@link SegmentIndex#search}. {@code vector} is needed for semantic and hybrid, {@code text} for
 * full_text and hybrid (and for reranking).
 */
public record SegmentQuery(String workspaceId, Set<String> datasetIds, Set<String> documentIds, boolean enabledOnly,
                           String text, float[] vector, RetrievalStrategy strategy, int k, double scoreThreshold) {

    public static final int MAX_K = 10;

    public SegmentQuery {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(strategy, "strategy");
        datasetIds = Set.copyOf(datasetIds);
        documentIds = documentIds == null ? Set.of() : Set.copyOf(documentIds);
        if (datasetIds.isEmpty()) {
            throw new IllegalArgumentException("at least one dataset id");
        }
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K);
        }
        if (scoreThreshold < 0 || scoreThreshold > 1) {
            throw new IllegalArgumentException("score threshold must be between 0 and 1");
        }
        if (strategy != RetrievalStrategy.FULL_TEXT && vector == null) {
            throw new IllegalArgumentException(strategy.apiName() + " needs a query vector");
        }
        if (strategy != RetrievalStrategy.SEMANTIC && (text == null || text.isBlank())) {
            throw new IllegalArgumentException(strategy.apiName() + " needs a query text");
        }
    }

    /** Enabled segments of the given datasets, any document, no threshold. */
    public static SegmentQuery of(String workspaceId, List<String> datasetIds, String text, float[] vector,
                                  RetrievalStrategy strategy, int k) {
        return new SegmentQuery(workspaceId, Set.copyOf(datasetIds), Set.of(), true, text, vector, strategy, k, 0);
    }

    public SegmentQuery withDocuments(Set<String> ids) {
        return new SegmentQuery(workspaceId, datasetIds, ids, enabledOnly, text, vector, strategy, k, scoreThreshold);
    }

    public SegmentQuery withThreshold(double threshold) {
        return new SegmentQuery(workspaceId, datasetIds, documentIds, enabledOnly, text, vector, strategy, k, threshold);
    }

    public SegmentQuery withEnabledOnly(boolean only) {
        return new SegmentQuery(workspaceId, datasetIds, documentIds, only, text, vector, strategy, k, scoreThreshold);
    }
}
