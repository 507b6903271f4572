package io.llmops.tool.boundary;

import io.llmops.platform.crypto.SecretBox;
import io.llmops.platform.json.JsonbProvider;
import io.llmops.platform.persistence.Timestamps;
import io.llmops.tool.entity.BuiltinToolCredential;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Sealed storage of built-in tool credentials, one row per workspace and provider: values go in and
 * come out in plain text, the table only ever sees SecretBox ciphertext. Every query names the workspace.
 */
@ApplicationScoped
@Transactional
public class BuiltinToolCredentialStore {

    @PersistenceContext(unitName = "llmops")
    EntityManager em;

    @Inject
    SecretBox secretBox;

    /** Credentials as stored, opened. */
    public record Stored(String provider, Map<String, String> values, Instant createdAt, Instant updatedAt) {
        @Override
        public String toString() {
            return "Stored[" + provider + ", values=****]";
        }
    }

    public Optional<Stored> find(UUID workspaceId, String provider) {
        return em.createQuery("select c from BuiltinToolCredential c where c.workspaceId = :w and c.provider = :p",
                        BuiltinToolCredential.class)
                .setParameter("w", workspaceId).setParameter("p", provider)
                .getResultStream().findFirst().map(this::open);
    }

    /** Inserts or replaces the workspace's credentials for the provider (race-free upsert). */
    public Stored save(UUID workspaceId, String provider, Map<String, String> values) {
        Instant now = Timestamps.now();
        em.createNativeQuery("insert into builtin_tool_credential (id, workspace_id, provider, encrypted_config, created_at, updated_at) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?5) on conflict (workspace_id, provider) do update "
                        + "set encrypted_config = excluded.encrypted_config, updated_at = excluded.updated_at")
                .setParameter(1, UUID.randomUUID()).setParameter(2, workspaceId).setParameter(3, provider)
                .setParameter(4, secretBox.encrypt(JsonbProvider.shared().toJson(values))).setParameter(5, now)
                .executeUpdate();
        em.clear();
        return find(workspaceId, provider).orElseThrow();
    }

    public boolean delete(UUID workspaceId, String provider) {
        return em.createQuery("delete from BuiltinToolCredential c where c.workspaceId = :w and c.provider = :p")
                .setParameter("w", workspaceId).setParameter("p", provider).executeUpdate() > 0;
    }

    public Set<String> configuredProviders(UUID workspaceId) {
        return new HashSet<>(em.createQuery("select c.provider from BuiltinToolCredential c where c.workspaceId = :w", String.class)
                .setParameter("w", workspaceId).getResultList());
    }

    private Stored open(BuiltinToolCredential row) {
        Map<?, ?> document = JsonbProvider.shared().fromJson(secretBox.decrypt(row.encryptedConfig()), Map.class);
        Map<String, String> values = new LinkedHashMap<>();
        document.forEach((k, v) -> values.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        return new Stored(row.provider(), values, row.createdAt(), row.updatedAt());
    }
}
