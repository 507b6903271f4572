package io.llmops.knowledge.control;

/** One retrieved segment with its score in 0..1 (meaning per strategy: see {@link SegmentIndex#search}). */
public record SegmentHit(String segmentId, String datasetId, String documentId, int position, String content,
                         double score) {
}
