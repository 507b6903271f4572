package io.llmops.knowledge.entity;

import io.llmops.platform.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A source of segments in a dataset (table {@code document}): an uploaded file (ingested by the batch
 * job, not built yet) or the dataset's one manual document holding segments typed in through the API.
 */
@Entity
@Table(name = "document")
public class DatasetDocument {

    public static final String MANUAL = "manual";
    public static final String UPLOAD = "upload";
    public static final String COMPLETED = "completed";

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(name = "dataset_id", nullable = false)
    private UUID datasetId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false, length = 16)
    private String source;

    @Column(name = "upload_file_id")
    private UUID uploadFileId;

    @Column(nullable = false, length = 16)
    private String status;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "segment_count", nullable = false)
    private int segmentCount;

    @Column(name = "character_count", nullable = false)
    private long characterCount;

    @Column(name = "token_count", nullable = false)
    private long tokenCount;

    @Column(name = "created_by")
    private UUID createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected DatasetDocument() {
    }

    /** The dataset's manual document: always completed, its segments come one by one through the API. */
    public static DatasetDocument manual(Dataset dataset, UUID createdBy) {
        DatasetDocument doc = new DatasetDocument();
        doc.id = UUID.randomUUID();
        doc.workspaceId = dataset.workspaceId();
        doc.datasetId = dataset.id();
        doc.name = "Manual segments";
        doc.source = MANUAL;
        doc.status = COMPLETED;
        doc.position = 0;
        doc.createdBy = createdBy;
        doc.createdAt = Timestamps.now();
        doc.updatedAt = doc.createdAt;
        return doc;
    }

    /** Keeps the counts in step with a segment added (+), removed (−) or edited (difference). */
    public void count(int segments, long characters, long tokens) {
        this.segmentCount += segments;
        this.characterCount += characters;
        this.tokenCount += tokens;
        this.updatedAt = Timestamps.now();
    }

    public void delete() {
        this.deletedAt = Timestamps.now();
        this.updatedAt = deletedAt;
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

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    public UUID uploadFileId() {
        return uploadFileId;
    }

    public String status() {
        return status;
    }

    public int position() {
        return position;
    }

    public boolean enabled() {
        return enabled;
    }

    public int segmentCount() {
        return segmentCount;
    }

    public long characterCount() {
        return characterCount;
    }

    public long tokenCount() {
        return tokenCount;
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
}
