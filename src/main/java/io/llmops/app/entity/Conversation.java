package io.llmops.app.entity;

import io.llmops.platform.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A thread of messages with one app, from the debugger, the service API or the web app. */
@Entity
@Table(name = "conversation")
public class Conversation {

    public static final String DEBUGGER = "debugger";

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(name = "app_id", nullable = false)
    private UUID appId;

    @Column(name = "invoke_from", nullable = false, length = 16)
    private String invokeFrom;

    @Column(nullable = false)
    private String name;

    private String summary;

    @Column(nullable = false)
    private boolean pinned;

    @Column(name = "account_id")
    private UUID accountId;

    @Column(name = "end_user_id")
    private String endUserId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected Conversation() {
    }

    public Conversation(UUID workspaceId, UUID appId, String invokeFrom, UUID accountId, String endUserId) {
        this.id = UUID.randomUUID();
        this.workspaceId = workspaceId;
        this.appId = appId;
        this.invokeFrom = invokeFrom;
        this.accountId = accountId;
        this.endUserId = endUserId;
        this.name = "";
        this.createdAt = Timestamps.now();
        this.updatedAt = createdAt;
    }

    public void touched() {
        this.updatedAt = Timestamps.now();
    }

    public void delete() {
        this.deletedAt = Timestamps.now();
    }

    public void rename(String newName) {
        this.name = newName;
        touched();
    }

    public void pin(boolean pin) {
        this.pinned = pin;
        touched();
    }

    /** Names a conversation that has no name yet; a name the user gave stays. */
    public boolean nameIfUnnamed(String newName) {
        if (!name.isEmpty() || newName == null || newName.isEmpty()) {
            return false;
        }
        this.name = newName;
        return true;
    }

    public void summarize(String newSummary) {
        this.summary = newSummary;
    }

    public UUID id() {
        return id;
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    public UUID appId() {
        return appId;
    }

    public String name() {
        return name;
    }

    public String summary() {
        return summary;
    }

    public boolean pinned() {
        return pinned;
    }

    public String invokeFrom() {
        return invokeFrom;
    }

    public UUID accountId() {
        return accountId;
    }

    public String endUserId() {
        return endUserId;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
