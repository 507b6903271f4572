package io.llmops.knowledge.entity;

import io.llmops.platform.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One recorded retrieval against a dataset (table {@code dataset_query}). */
@Entity
@Table(name = "dataset_query")
public class DatasetQuery {

    public static final String HIT_TESTING = "hit_testing";

    @Id
    private UUID id;

    @Column(name = "dataset_id", nullable = false)
    private UUID datasetId;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(nullable = false)
    private String query;

    @Column(nullable = false, length = 16)
    private String strategy;

    @Column(nullable = false, length = 16)
    private String source;

    @Column(name = "created_by")
    private UUID createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected DatasetQuery() {
    }

    public DatasetQuery(UUID workspaceId, UUID datasetId, String query, String strategy, String source, UUID createdBy) {
        this.id = UUID.randomUUID();
        this.workspaceId = workspaceId;
        this.datasetId = datasetId;
        this.query = query;
        this.strategy = strategy;
        this.source = source;
        this.createdBy = createdBy;
        this.createdAt = Timestamps.now();
    }

    public UUID id() {
        return id;
    }

    public String query() {
        return query;
    }

    public String strategy() {
        return strategy;
    }

    public String source() {
        return source;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
