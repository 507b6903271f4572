package io.llmops.model.entity;

import io.llmops.platform.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A workspace's credentials for one model provider, kept sealed (the plain values never reach this entity). */
@Entity
@Table(name = "provider_credential")
public class ProviderCredential {

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

    protected ProviderCredential() {
    }

    public ProviderCredential(UUID workspaceId, String provider, String encryptedConfig) {
        this.id = UUID.randomUUID();
        this.workspaceId = workspaceId;
        this.provider = provider;
        this.encryptedConfig = encryptedConfig;
        this.createdAt = Timestamps.now();
        this.updatedAt = createdAt;
    }

    public void replaceConfig(String newEncryptedConfig) {
        this.encryptedConfig = newEncryptedConfig;
        this.updatedAt = Timestamps.now();
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
        return "ProviderCredential[" + workspaceId + ", " + provider + ", config=****]";
    }
}
