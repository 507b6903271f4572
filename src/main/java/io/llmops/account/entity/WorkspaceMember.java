package io.llmops.account.entity;

import io.llmops.platform.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An account's membership, with its role, in a workspace. */
@Entity
@Table(name = "workspace_member")
public class WorkspaceMember {

    public enum Role { owner, admin, normal }

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected WorkspaceMember() {
    }

    public WorkspaceMember(UUID workspaceId, UUID accountId, Role role) {
        this.id = UUID.randomUUID();
        this.workspaceId = workspaceId;
        this.accountId = accountId;
        this.role = role;
        this.createdAt = Timestamps.now();
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    public UUID accountId() {
        return accountId;
    }

    public Role role() {
        return role;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
