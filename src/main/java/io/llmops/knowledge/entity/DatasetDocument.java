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
 * A source of segments in a dataset (table {@code document}): an uploaded file (ingested by the batch
 * job, whose progress — status, counts, per-stage times, heartbeat — is kept here) or the dataset's one
 * manual document holding segments typed in through the API.
 */
@Entity
@Table(name = "document")
public class DatasetDocument {

    public static final String MANUAL = "manual";
    public static final String UPLOAD = "upload";
    public static final String COMPLETED = "completed";
    public static final String WAITING = "waiting";

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

    @Column(length = 64)
    private String batch;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "process_rule")
    private String processRule;

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

    @Column(name = "segments_total")
    private Integer segmentsTotal;

    @Column
    private String error;

    @Column(name = "processing_started_at")
    private Instant processingStartedAt;

    @Column(name = "parsing_completed_at")
    private Instant parsingCompletedAt;

    @Column(name = "splitting_completed_at")
    private Instant splittingCompletedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

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

    /**
     * An uploaded file to ingest, waiting for its job. The heartbeat starts now, so the reconciler
     * only relaunches it if no job has picked it up within its staleness limit.
     */
    public static DatasetDocument upload(Dataset dataset, UUID uploadFileId, String name, String batch, int position,
                                         String processRuleJson, UUID createdBy) {
        DatasetDocument doc = new DatasetDocument();
        doc.id = UUID.randomUUID();
        doc.workspaceId = dataset.workspaceId();
        doc.datasetId = dataset.id();
        doc.name = name;
        doc.source = UPLOAD;
        doc.uploadFileId = uploadFileId;
        doc.batch = batch;
        doc.processRule = processRuleJson;
        doc.status = WAITING;
        doc.position = position;
        doc.createdBy = createdBy;
        doc.createdAt = Timestamps.now();
        doc.updatedAt = doc.createdAt;
        doc.heartbeatAt = doc.createdAt;
        return doc;
    }

    public void rename(String newName) {
        this.name = newName;
        this.updatedAt = Timestamps.now();
    }

    public void enable(boolean on) {
        this.enabled = on;
        this.updatedAt = Timestamps.now();
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

    public String batch() {
        return batch;
    }

    public String processRule() {
        return processRule;
    }

    public Integer segmentsTotal() {
        return segmentsTotal;
    }

    public String error() {
        return error;
    }

    public Instant processingStartedAt() {
        return processingStartedAt;
    }

    public Instant parsingCompletedAt() {
        return parsingCompletedAt;
    }

    public Instant splittingCompletedAt() {
        return splittingCompletedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public Instant heartbeatAt() {
        return heartbeatAt;
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
