package io.llmops.app.entity;

import io.llmops.app.control.AppConfig;
import io.llmops.platform.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** An immutable snapshot of an app's draft config, numbered 1, 2, 3… per app when it was published. */
@Entity
@Table(name = "app_config_version")
public class AppConfigVersion {

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    @Column(name = "app_id", nullable = false, updatable = false)
    private UUID appId;

    @Column(nullable = false, updatable = false)
    private int version;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    private String config;

    @Column(name = "created_by", updatable = false)
    private UUID createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected AppConfigVersion() {
    }

    AppConfigVersion(UUID workspaceId, UUID appId, int version, String config, UUID createdBy) {
        this.id = UUID.randomUUID();
        this.workspaceId = workspaceId;
        this.appId = appId;
        this.version = version;
        this.config = config;
        this.createdBy = createdBy;
        this.createdAt = Timestamps.now();
    }

    public UUID id() {
        return id;
    }

    public UUID appId() {
        return appId;
    }

    public int version() {
        return version;
    }

    public AppConfig config() {
        return AppConfig.fromJson(config);
    }

    public UUID createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
