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

    /**
     * A document with its ingestion progress: {@code status} waiting → parsing → splitting → indexing →
     * completed (or error with {@code error}, or paused); {@code segment_count} of {@code segments_total}
     * written (the total is known once split); the time each stage ended.
     */
    public record DocumentView(UUID id, String name, String source, @JsonbNillable UUID uploadFileId,
                               @JsonbNillable String batch, String status, int position, boolean enabled,
                               int segmentCount, @JsonbNillable Integer segmentsTotal, long characterCount,
                               long tokenCount, @JsonbNillable String error, @JsonbNillable Instant processingStartedAt,
                               @JsonbNillable Instant parsingCompletedAt, @JsonbNillable Instant splittingCompletedAt,
                               @JsonbNillable Instant completedAt, Instant createdAt, Instant updatedAt) {
    }

    static final String RULE_IDS = "remove_extra_space|remove_url_and_email";
    static final String CHUNK_SIZE_RULE = "must be between 50 and 2000 tokens";
    public static final int MAX_DOCUMENTS_PER_REQUEST = 20;

    /** {@code process_type} automatic (the default; {@code rule} ignored) or custom ({@code rule.segment} required). */
    public record DocumentsRequest(
            @NotNull(message = "is required") @Size(min = 1, max = MAX_DOCUMENTS_PER_REQUEST, message = "must list 1 to 20 upload files")
            List<@NotNull(message = "must be an upload file id") UUID> uploadFileIds,
            @Pattern(regexp = "automatic|custom", message = "must be automatic or custom") String processType,
            @Valid ProcessRuleBody rule) {
    }

    public record ProcessRuleBody(
            @Size(max = 10, message = "must list at most 10 rules")
            List<@NotNull(message = "must be a rule") @Valid PreProcessRuleBody> preProcessRules,
            @Valid SegmentRuleBody segment) {
    }

    public record PreProcessRuleBody(
            @NotNull(message = "is required") @Pattern(regexp = RULE_IDS, message = "must be remove_extra_space or remove_url_and_email") String id,
            @NotNull(message = "is required") Boolean enabled) {
    }

    /** Separators are hard boundaries tried before the built-in ones (paragraphs, lines, sentences in Chinese and English…). */
    public record SegmentRuleBody(
            @Size(max = 10, message = "must list at most 10 separators")
            List<@NotNull(message = "must be a string") @Size(min = 1, max = 20, message = "must be 1 to 20 characters") String> separators,
            @NotNull(message = "is required") @Min(value = 50, message = CHUNK_SIZE_RULE) @Max(value = 2000, message = CHUNK_SIZE_RULE) Integer chunkSize,
            @Min(value = 0, message = "must be at least 0") @Max(value = 1999, message = "must be less than chunk_size") Integer chunkOverlap) {
    }

    /** The rule a document is ingested with, as stored and shown. */
    public record ProcessRuleView(String processType, List<PreProcessRuleBody> preProcessRules, List<String> separators,
                                  int chunkSize, int chunkOverlap) {
    }

    public record DocumentsCreated(String batch, List<DocumentView> documents) {
    }

    public record BatchView(String batch, List<DocumentView> documents) {
    }

    public record DocumentPatch(
            @NotNull(message = "is required") @Size(min = 1, max = 255, message = "must be 1 to 255 characters")
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name) {
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

    /** A reindex job: its batch status (starting, started, completed, failed…), segments reloaded so far of the dataset's total. */
    public record ReindexView(long executionId, String status, long segments, long segmentsTotal) {
    }
}
