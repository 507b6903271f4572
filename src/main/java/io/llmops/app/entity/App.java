package io.llmops.app.entity;

import io.llmops.app.control.AppConfig;
import io.llmops.platform.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * An app of a workspace: its card (name, description, icon), the draft config its builder edits
 * and a pointer to the published version. Deleting only marks it ({@code deleted_at}); a deleted
 * app is invisible everywhere but keeps its versions for history and statistics.
 */
@Entity
@Table(name = "app")
public class App {

    public static final int MAX_NAME = 64;
    private static final String COPY_SUFFIX = " (copy)";

    public enum Status { draft, published }

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(nullable = false, length = MAX_NAME)
    private String name;

    @Column(nullable = false, length = 400)
    private String description;

    @Column(nullable = false, length = 255)
    private String icon;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "draft_config", nullable = false)
    private String draftConfig;

    @Column(name = "published_version_id")
    private UUID publishedVersionId;

    @Column(name = "created_by")
    private UUID createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected App() {
    }

    public App(UUID workspaceId, UUID createdBy, String name, String description, String icon, AppConfig draft) {
        this.id = UUID.randomUUID();
        this.workspaceId = workspaceId;
        this.createdBy = createdBy;
        this.name = name;
        this.description = description;
        this.icon = icon;
        this.status = Status.draft;
        this.draftConfig = draft.toJson();
        this.createdAt = Timestamps.now();
        this.updatedAt = createdAt;
    }

    /** A new draft app of the same workspace named "<name> (copy)", with this app's draft config. */
    public App copy(UUID by) {
        return new App(workspaceId, by, copyName(name), description, icon, draftConfig());
    }

    static String copyName(String name) {
        int room = MAX_NAME - COPY_SUFFIX.length();
        if (name.length() > room) {
            int cut = Character.isHighSurrogate(name.charAt(room - 1)) ? room - 1 : room;
            name = name.substring(0, cut).strip();
        }
        return name + COPY_SUFFIX;
    }

    /** Changes the card; a null argument leaves that part as it is. */
    public void edit(String newName, String newDescription, String newIcon) {
        if (newName != null) {
            name = newName;
        }
        if (newDescription != null) {
            description = newDescription;
        }
        if (newIcon != null) {
            icon = newIcon;
        }
        touch();
    }

    public AppConfig draftConfig() {
        return AppConfig.fromJson(draftConfig);
    }

    public void replaceDraft(AppConfig config) {
        draftConfig = config.toJson();
        touch();
    }

    /** The snapshot of the draft as the given version number. */
    public AppConfigVersion snapshot(int version, UUID by) {
        return new AppConfigVersion(workspaceId, id, version, draftConfig, by);
    }

    public void publish(AppConfigVersion version) {
        status = Status.published;
        publishedVersionId = version.id();
        touch();
    }

    public void cancelPublish() {
        status = Status.draft;
        publishedVersionId = null;
        touch();
    }

    public void delete() {
        deletedAt = Timestamps.now();
        touch();
    }

    private void touch() {
        updatedAt = Timestamps.now();
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

    public Status status() {
        return status;
    }

    public UUID publishedVersionId() {
        return publishedVersionId;
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
}
