package io.llmops.tool.boundary;

import io.llmops.platform.crypto.SecretBox;
import io.llmops.platform.persistence.SealedCredentials;
import io.llmops.platform.persistence.SealedCredentials.Stored;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Built-in tool provider credentials per workspace, sealed (table {@code builtin_tool_credential}). */
@ApplicationScoped
@Transactional
public class BuiltinToolCredentialStore {

    @PersistenceContext(unitName = "llmops")
    EntityManager em;

    @Inject
    SecretBox secretBox;

    private SealedCredentials sealed;

    @PostConstruct
    void init() {
        sealed = new SealedCredentials(em, secretBox, "BuiltinToolCredential", "builtin_tool_credential");
    }

    public Optional<Stored> find(UUID workspaceId, String provider) {
        return sealed.find(workspaceId, provider);
    }

    public Stored save(UUID workspaceId, String provider, Map<String, String> values) {
        return sealed.save(workspaceId, provider, values);
    }

    public boolean delete(UUID workspaceId, String provider) {
        return sealed.delete(workspaceId, provider);
    }

    public Set<String> configuredProviders(UUID workspaceId) {
        return sealed.configuredProviders(workspaceId);
    }
}
