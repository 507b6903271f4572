package io.llmops.platform.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.llmops.platform.crypto.SecretBox;
import io.llmops.platform.json.JsonbProvider;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Sealed credential documents, one row per workspace and provider (model providers, built-in tool
 * providers): values go in and come out in plain text, the table only ever sees SecretBox
 * ciphertext, and every query names the workspace. The entity extends {@link SealedCredentialRow}
 * and its table has a unique (workspace_id, provider) constraint. Callers run it inside their transaction.
 */
public final class SealedCredentials {

    /** Credentials as stored, opened. */
    public record Stored(String provider, Map<String, String> values, Instant createdAt, Instant updatedAt) {
        @Override
        public String toString() {
            return "Stored[" + provider + ", values=****]";
        }
    }

    /**
     * Opened documents by ciphertext, so a chat turn does not decrypt and parse the same credentials
     * every time. A ciphertext never changes meaning (a new secret key means a new process), and a
     * changed credential is a new ciphertext (fresh nonce), so entries never go stale.
     */
    private static final Cache<String, Map<String, String>> OPENED = Caffeine.newBuilder().maximumSize(2_000).build();

    private final EntityManager em;
    private final SecretBox secretBox;
    private final String entity;
    private final String table;

    /** {@code entity} and {@code table} are code constants, never user input: they are spliced into queries. */
    public SealedCredentials(EntityManager em, SecretBox secretBox, String entity, String table) {
        if (!entity.matches("[A-Za-z]\\w*") || !table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not an identifier: " + entity + " / " + table);
        }
        this.em = em;
        this.secretBox = secretBox;
        this.entity = entity;
        this.table = table;
    }

    public Optional<Stored> find(UUID workspaceId, String provider) {
        List<Object[]> rows = em.createQuery("select c.encryptedConfig, c.createdAt, c.updatedAt from " + entity
                        + " c where c.workspaceId = :w and c.provider = :p", Object[].class)
                .setParameter("w", workspaceId).setParameter("p", provider).getResultList();
        return rows.stream().findFirst().map(row -> open(provider, (String) row[0], (Instant) row[1], (Instant) row[2]));
    }

    /** Inserts or replaces the workspace's credentials for the provider (race-free upsert). */
    public Stored save(UUID workspaceId, String provider, Map<String, String> values) {
        Instant now = Timestamps.now();
        em.createNativeQuery("insert into " + table + " (id, workspace_id, provider, encrypted_config, created_at, updated_at) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?5) on conflict (workspace_id, provider) do update "
                        + "set encrypted_config = excluded.encrypted_config, updated_at = excluded.updated_at")
                .setParameter(1, UUID.randomUUID()).setParameter(2, workspaceId).setParameter(3, provider)
                .setParameter(4, secretBox.encrypt(JsonbProvider.shared().toJson(values))).setParameter(5, now)
                .executeUpdate();
        em.clear();
        return find(workspaceId, provider).orElseThrow();
    }

    public boolean delete(UUID workspaceId, String provider) {
        return em.createQuery("delete from " + entity + " c where c.workspaceId = :w and c.provider = :p")
                .setParameter("w", workspaceId).setParameter("p", provider).executeUpdate() > 0;
    }

    public Set<String> configuredProviders(UUID workspaceId) {
        return new HashSet<>(em.createQuery("select c.provider from " + entity + " c where c.workspaceId = :w", String.class)
                .setParameter("w", workspaceId).getResultList());
    }

    private Stored open(String provider, String sealed, Instant createdAt, Instant updatedAt) {
        return new Stored(provider, OPENED.get(sealed, this::decrypt), createdAt, updatedAt);
    }

    private Map<String, String> decrypt(String sealed) {
        Map<?, ?> document = JsonbProvider.shared().fromJson(secretBox.decrypt(sealed), Map.class);
        Map<String, String> values = new LinkedHashMap<>();
        document.forEach((k, v) -> values.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        return java.util.Collections.unmodifiableMap(values);
    }
}
