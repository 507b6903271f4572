package io.llmops.knowledge.control;

import java.util.List;

/**
 * The retrieval engine's port. PostgreSQL keeps every segment and vector (the source of truth); an
 * implementation is a rebuildable index over them. Writes are idempotent by segment id.
 */
public interface SegmentIndex extends AutoCloseable {

    /** Inserts or replaces each segment by id; durable and visible to searches when this returns. */
    void upsert(List<IndexedSegment> segments);

    /**
     * Like {@link #upsert}, but the segments need be neither durable nor visible to searches before the
     * next {@link #commit()} (or any other write that commits): a crash before then may lose them. For
     * bulk loads that can replay what was lost from PostgreSQL — the ingestion job commits at its end and
     * re-puts a relaunched document's written segments. The default is {@link #upsert}.
     */
    default void upsertBuffered(List<IndexedSegment> segments) {
        upsert(segments);
    }

    /** Makes every write so far durable and visible to searches. The default does nothing (writes already are). */
    default void commit() {
    }

    void deleteSegments(List<String> segmentIds);

    void deleteDocument(String documentId);

    void deleteDataset(String datasetId);

    /**
     * Compacts the index for query speed after a bulk load (a reindex, a large ingestion): searches
     * return the same hits before and after. Optional: the default does nothing. It can take a while
     * (Lucene rewrites its HNSW graph), so call it from a job, never per request.
     */
    default void optimize() {
    }

    /** Segments of the dataset in the index (enabled or not): 0 tells a missing index to rebuild. */
    long count(String datasetId);

    /**
     * Best hits first, at most {@code k}, each with a score in 0..1, only those at or above the threshold:
     * <ul>
     *   <li>semantic: cosine similarity of the vectors, clamped at 0;</li>
     *   <li>full_text: BM25 divided by the best score the query's terms could reach (the sum of their
     *       idf), so 1 means every query word is present and frequent, independent of corpus size;</li>
     *   <li>hybrid: the weighted sum of those two (weights given by the implementation).</li>
     * </ul>
     * With a reranker the scores are the reranker's (see the implementation).
     */
    List<SegmentHit> search(SegmentQuery query);

    @Override
    void close();
}
