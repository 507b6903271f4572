package io.llmops.tool.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A workspace's credentials for one built-in tool provider, kept sealed (rows are written by an upsert in the store). */
@Entity
@Table(name = "builtin_tool_credential")
public class BuiltinToolCredential {

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(nullable = false, length = 64)
    private String provider;

    @Column(name = "encrypted_config", nullable = false)
    private String encryptedConfig;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected BuiltinToolCredential() {
    }

    public String provider() {
        return provider;
    }

    public String encryptedConfig() {
        return encryptedConfig;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public String toString() {
        return "BuiltinToolCredential[" + workspaceId + ", " + provider + ", config=****]";
    }
}
