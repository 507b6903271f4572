package io.llmops.account.entity;

import io.llmops.platform.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An account's identity at an OAuth provider; the provider's token is kept encrypted. */
@Entity
@Table(name = "account_oauth")
public class OAuthIdentity {

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Column(nullable = false, length = 32)
    private String provider;

    @Column(name = "open_id", nullable = false)
    private String openId;

    @Column(name = "encrypted_token")
    private String encryptedToken;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected OAuthIdentity() {
    }

    public OAuthIdentity(UUID accountId, String provider, String openId, String encryptedToken) {
        this.id = UUID.randomUUID();
        this.accountId = accountId;
        this.provider = provider;
        this.openId = openId;
        this.encryptedToken = encryptedToken;
        this.createdAt = Timestamps.now();
        this.updatedAt = createdAt;
    }

    public void replaceToken(String newEncryptedToken) {
        this.encryptedToken = newEncryptedToken;
        this.updatedAt = Timestamps.now();
    }

    public UUID accountId() {
        return accountId;
    }
}
