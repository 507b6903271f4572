package io.llmops.knowledge.control;

import java.util.List;
import java.util.Objects;

/**
 * What an index holds of one segment. {@code vector} may be null (full-text only); its length picks
 * the vector field, so datasets embedded by models of different dimensions share one index.
 */
public record IndexedSegment(String id, String workspaceId, String datasetId, String documentId, int position,
                             String content, List<String> keywords, float[] vector, boolean enabled) {

    public IndexedSegment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(content, "content");
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
}
