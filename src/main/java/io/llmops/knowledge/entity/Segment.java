package io.llmops.knowledge.entity;

import io.llmops.platform.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * A chunk of a document with its keywords and vector (table {@code segment}): the source of truth the
 * search index is rebuilt from. {@code keywords} is a JSON array of strings.
 */
@Entity
@Table(name = "segment")
public class Segment {

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(name = "dataset_id", nullable = false)
    private UUID datasetId;

    @Column(name = "document_id", nullable = false)
    private UUID documentId;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false)
    private String content;

    @Column(name = "content_hash", nullable = false, length = 64)
    private String contentHash;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String keywords;

    @Column(name = "token_count", nullable = false)
    private int tokenCount;

    @Column(name = "character_count", nullable = false)
    private int characterCount;

    @Column(nullable = false)
    private boolean enabled = true;

    /** Counted by hit-test writes in SQL only; an edit of the segment must not write back a stale count. */
    @Column(name = "hit_count", nullable = false, updatable = false)
    private long hitCount;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "vector", columnDefinition = "real[]")
    private float[] vector;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Segment() {
    }

    public Segment(UUID workspaceId, UUID datasetId, UUID documentId, int position) {
        this.id = UUID.randomUUID();
        this.workspaceId = workspaceId;
        this.datasetId = datasetId;
        this.documentId = documentId;
        this.position = position;
        this.createdAt = Timestamps.now();
    }

    public void write(String newContent, String newContentHash, String keywordsJson, int tokens, float[] newVector) {
        this.content = newContent;
        this.contentHash = newContentHash;
        this.keywords = keywordsJson;
        this.tokenCount = tokens;
        this.characterCount = newContent.codePointCount(0, newContent.length());
        this.vector = newVector;
        this.updatedAt = Timestamps.now();
    }

    public void enable(boolean on) {
        this.enabled = on;
        this.updatedAt = Timestamps.now();
    }

    public UUID id() {
        return id;
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    public UUID datasetId() {
        return datasetId;
    }

    public UUID documentId() {
        return documentId;
    }

    public int position() {
        return position;
    }

    public String content() {
        return content;
    }

    public String contentHash() {
        return contentHash;
    }

    public String keywords() {
        return keywords;
    }

    public int tokenCount() {
        return tokenCount;
    }

    public int characterCount() {
        return characterCount;
    }

    public boolean enabled() {
        return enabled;
    }

    public long hitCount() {
        return hitCount;
    }

    public float[] vector() {
        return vector;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
