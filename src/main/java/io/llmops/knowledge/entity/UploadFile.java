package io.llmops.knowledge.entity;

import io.llmops.platform.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An uploaded file's record (table {@code upload_file}); its bytes are in the file storage under {@link #storageKey()}. */
@Entity
@Table(name = "upload_file")
public class UploadFile {

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(nullable = false, length = 255)
    private String name;

    @Column(nullable = false)
    private long size;

    @Column(nullable = false, length = 16)
    private String extension;

    @Column(name = "mime_type", nullable = false, length = 128)
    private String mimeType;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(name = "storage_key", nullable = false, length = 255)
    private String storageKey;

    @Column(name = "created_by")
    private UUID createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private boolean used;

    @Column(name = "used_at")
    private Instant usedAt;

    protected UploadFile() {
    }

    public UploadFile(UUID id, UUID workspaceId, String name, long size, String extension, String mimeType,
                      String sha256, String storageKey, UUID createdBy) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.name = name;
        this.size = size;
        this.extension = extension;
        this.mimeType = mimeType;
        this.sha256 = sha256;
        this.storageKey = storageKey;
        this.createdBy = createdBy;
        this.createdAt = Timestamps.now();
    }

    /** Marks the file as referred to (by a document or an icon), which keeps the cleanup away from it. */
    public void markUsed() {
        if (!used) {
            used = true;
            usedAt = Timestamps.now();
        }
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

    public long size() {
        return size;
    }

    public String extension() {
        return extension;
    }

    public String mimeType() {
        return mimeType;
    }

    public String sha256() {
        return sha256;
    }

    public String storageKey() {
        return storageKey;
    }

    public UUID createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean used() {
        return used;
    }

    public Instant usedAt() {
        return usedAt;
    }
}
