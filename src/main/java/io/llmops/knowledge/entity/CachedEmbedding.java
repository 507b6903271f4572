package io.llmops.knowledge.entity;

import io.llmops.platform.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One vector in the embedding cache (table {@code embedding_cache}), keyed by model id and content hash. */
@Entity
@Table(name = "embedding_cache")
@IdClass(CachedEmbedding.Key.class)
public class CachedEmbedding {

    /** The composite primary key (JPA wants a plain class with the id fields' names). */
    public static class Key implements Serializable {
        private String modelId;
        private String contentHash;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(modelId, k.modelId) && Objects.equals(contentHash, k.contentHash);
        }

        @Override
        public int hashCode() {
            return Objects.hash(modelId, contentHash);
        }
    }

    @Id
    @Column(name = "model_id", length = 128)
    private String modelId;

    @Id
    @Column(name = "content_hash", length = 64)
    private String contentHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "real[]")
    private float[] vector;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CachedEmbedding() {
    }

    public CachedEmbedding(String modelId, String contentHash, float[] vector) {
        this.modelId = modelId;
        this.contentHash = contentHash;
        this.vector = vector;
        this.createdAt = Timestamps.now();
    }

    public String contentHash() {
        return contentHash;
    }

    public float[] vector() {
        return vector;
    }
}
