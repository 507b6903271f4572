package io.llmops.knowledge.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the dataset endpoints (snake_case on the wire). */
public final class DatasetDtos {

    private DatasetDtos() {
    }

    static final String NAME_RULE = "must be 1 to 64 characters";
    static final String STRATEGIES = "semantic|full_text|hybrid";
    static final String STRATEGY_RULE = "must be semantic, full_text or hybrid";
    static final String K_RULE = "must be between 1 and 10";
    static final String SCORE_RULE = "must be between 0 and 1";
    static final int MAX_SEGMENT_CHARS = 20_000;

    /** All optional; missing ones keep the current (or default) value. */
    public record RetrievalSettingsBody(
            @Pattern(regexp = STRATEGIES, message = STRATEGY_RULE) String retrievalStrategy,
            @Min(value = 1, message = K_RULE) @Max(value = 10, message = K_RULE) Integer k,
            @DecimalMin(value = "0", message = SCORE_RULE) @DecimalMax(value = "1", message = SCORE_RULE) Double score) {
    }

    /** {@code embedding_provider}/{@code embedding_model} default to the local model (local/all-minilm-l6-v2-q). */
    public record DatasetRequest(
            @NotBlank(message = NAME_RULE) @Size(max = 64, message = NAME_RULE) String name,
            @Size(max = 400, message = "must be at most 400 characters") String description,
            @Size(max = 2048, message = "must be at most 2048 characters") String icon,
            @Size(max = 32, message = "must be at most 32 characters") String embeddingProvider,
            @Size(max = 128, message = "must be at most 128 characters") String embeddingModel,
            @Valid RetrievalSettingsBody retrievalSettings) {
    }

    /** Only the fields present change. The embedding model cannot change (yet): that needs a re-embedding of every segment. */
    public record DatasetPatch(
            @Size(min = 1, max = 64, message = NAME_RULE) @Pattern(regexp = ".*\\S.*", message = NAME_RULE) String name,
            @Size(max = 400, message = "must be at most 400 characters") String description,
            @Size(max = 2048, message = "must be at most 2048 characters") String icon,
            @Size(max = 32, message = "must be at most 32 characters") String embeddingProvider,
            @Size(max = 128, message = "must be at most 128 characters") String embeddingModel,
            @Valid RetrievalSettingsBody retrievalSettings) {
    }

    public record RetrievalSettingsView(String retrievalStrategy, int k, double score) {
    }

    public record DatasetView(UUID id, String name, String description, String icon, String embeddingProvider,
                              String embeddingModel, RetrievalSettingsView retrievalSettings, long documentCount,
                              long characterCount, long hitCount, long appCount, Instant createdAt, Instant updatedAt) {
    }

    public record DocumentView(UUID id, String name, String source, String status, int position, boolean enabled,
                               int segmentCount, long characterCount, long tokenCount, Instant createdAt,
                               Instant updatedAt) {
    }

    public record SegmentRequest(
            @NotBlank(message = "is required") @Size(max = MAX_SEGMENT_CHARS, message = "must be at most 20000 characters") String content,
            @Size(max = 20, message = "must be at most 20 keywords")
            List<@NotNull(message = "must be a string") @Size(max = 64, message = "must be at most 64 characters") String> keywords) {
    }

    /** Both optional: new content is re-embedded (and its keywords re-extracted unless given). */
    public record SegmentPatch(
            @Size(min = 1, max = MAX_SEGMENT_CHARS, message = "must be 1 to 20000 characters") @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String content,
            @Size(max = 20, message = "must be at most 20 keywords")
            List<@NotNull(message = "must be a string") @Size(max = 64, message = "must be at most 64 characters") String> keywords) {
    }

    public record EnabledRequest(@NotNull(message = "is required") Boolean enabled) {
    }

    public record SegmentView(UUID id, UUID documentId, int position, String content, List<String> keywords,
                              int characterCount, int tokenCount, boolean enabled, long hitCount, Instant createdAt,
                              Instant updatedAt) {
    }

    /** Strategy, k and score default to the dataset's retrieval settings. */
    public record HitRequest(
            @NotBlank(message = "is required") @Size(max = 1000, message = "must be at most 1000 characters") String query,
            @Pattern(regexp = STRATEGIES, message = STRATEGY_RULE) String retrievalStrategy,
            @Min(value = 1, message = K_RULE) @Max(value = 10, message = K_RULE) Integer k,
            @DecimalMin(value = "0", message = SCORE_RULE) @DecimalMax(value = "1", message = SCORE_RULE) Double score) {
    }

    public record HitView(double score, UUID segmentId, UUID documentId, @JsonbNillable String documentName,
                          int position, String content, List<String> keywords, long hitCount) {
    }

    public record HitsView(String query, String retrievalStrategy, int k, double score, List<HitView> hits) {
    }

    public record QueryView(UUID id, String query, String retrievalStrategy, String source, Instant createdAt) {
    }

    public record QueriesView(List<QueryView> items) {
    }

    public record ReindexView(long segments) {
    }
}
