package io.llmops.account.entity;

import io.llmops.platform.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A person who signs in. Email is stored lower-cased and unique. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    private UUID id;

    @Column(nullable = false, length = 254)
    private String email;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(length = 1024)
    private String avatar;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    @Column(name = "last_login_ip", length = 64)
    private String lastLoginIp;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Account() {
    }

    public Account(String email, String name, String avatar, String passwordHash) {
        this.id = UUID.randomUUID();
        this.email = normalizeEmail(email);
        this.name = name;
        this.avatar = avatar;
        this.passwordHash = passwordHash;
        this.createdAt = Timestamps.now();
        this.updatedAt = createdAt;
    }

    public static String normalizeEmail(String email) {
        return email.strip().toLowerCase(java.util.Locale.ROOT);
    }

    public void signedIn(String clientIp) {
        this.lastLoginAt = Timestamps.now();
        this.lastLoginIp = clientIp;
    }

    public void rename(String newName) {
        this.name = newName;
        this.updatedAt = Timestamps.now();
    }

    public void changeAvatar(String newAvatar) {
        this.avatar = newAvatar;
        this.updatedAt = Timestamps.now();
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
        this.updatedAt = Timestamps.now();
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public String avatar() {
        return avatar;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Instant lastLoginAt() {
        return lastLoginAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
