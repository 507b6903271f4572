package io.llmops.platform.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;
import java.util.UUID;

/**
 * The columns of a sealed-credentials table (one row per workspace and provider), as
 * {@link SealedCredentials} reads and writes them; each table is an entity extending this. Rows are
 * written by SealedCredentials' upsert and read through its queries, so no accessors are needed.
 */
@MappedSuperclass
public abstract class SealedCredentialRow {

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

    protected SealedCredentialRow() {
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + workspaceId + ", " + provider + ", config=****]";
    }
}
