package io.llmops.knowledge.control;

/**
 * How a dataset is searched when the caller does not say: strategy, top k (1–10) and the minimum
 * score. Hybrid by default because the local model is English-only and BM25 carries Chinese.
 */
public record RetrievalSettings(RetrievalStrategy strategy, int k, double score) {

    public static final RetrievalSettings DEFAULT = new RetrievalSettings(RetrievalStrategy.HYBRID, 4, 0);

    public RetrievalSettings {
        if (strategy == null) {
            throw new IllegalArgumentException("a strategy");
        }
        if (k < 1 || k > SegmentQuery.MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + SegmentQuery.MAX_K);
        }
        if (score < 0 || score > 1) {
            throw new IllegalArgumentException("score must be between 0 and 1");
        }
    }

    /** These settings with whatever the caller gave (null = keep). */
    public RetrievalSettings with(String strategyName, Integer newK, Double newScore) {
        return new RetrievalSettings(strategyName == null ? strategy : RetrievalStrategy.fromApiName(strategyName),
                newK == null ? k : newK, newScore == null ? score : newScore);
    }
}
