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

/** A knowledge base (table {@code dataset}); deleted softly, its rows purged later. */
@Entity
@Table(name = "dataset")
public class Dataset {

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(nullable = false, length = 400)
    private String description;

    @Column(nullable = false, length = 2048)
    private String icon;

    @Column(name = "embedding_provider", nullable = false, length = 32)
    private String embeddingProvider;

    @Column(name = "embedding_model", nullable = false, length = 128)
    private String embeddingModel;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "retrieval_settings", nullable = false)
    private String retrievalSettings;

    @Column(name = "created_by")
    private UUID createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    /**
     * Hits of the segments of its live documents, kept by hit-test writes and by the database's triggers on
     * deletes (V11); never written from here, so an edit of the dataset cannot overwrite a newer count.
     */
    @Column(name = "hit_count", insertable = false, updatable = false)
    private long hitCount;

    protected Dataset() {
    }

    public Dataset(UUID workspaceId, String name, String description, String icon, String embeddingProvider,
                   String embeddingModel, String retrievalSettings, UUID createdBy) {
        this.id = UUID.randomUUID();
        this.workspaceId = workspaceId;
        this.name = name;
        this.description = description;
        this.icon = icon;
        this.embeddingProvider = embeddingProvider;
        this.embeddingModel = embeddingModel;
        this.retrievalSettings = retrievalSettings;
        this.createdBy = createdBy;
        this.createdAt = Timestamps.now();
        this.updatedAt = createdAt;
    }

    public void rename(String newName) {
        this.name = newName;
        touch();
    }

    public void describe(String newDescription) {
        this.description = newDescription;
        touch();
    }

    public void changeIcon(String newIcon) {
        this.icon = newIcon;
        touch();
    }

    public void changeRetrievalSettings(String json) {
        this.retrievalSettings = json;
        touch();
    }

    public void delete() {
        this.deletedAt = Timestamps.now();
        touch();
    }

    private void touch() {
        this.updatedAt = Timestamps.now();
    }

    public UUID id() {
        return id;
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String icon() {
        return icon;
    }

    public String embeddingProvider() {
        return embeddingProvider;
    }

    public String embeddingModel() {
        return embeddingModel;
    }

    public String retrievalSettings() {
        return retrievalSettings;
    }

    public UUID createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    public long hitCount() {
        return hitCount;
    }
}
