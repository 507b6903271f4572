package io.llmops.model.boundary;

import io.llmops.platform.persistence.SealedCredentials;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.llmops.model.boundary.ModelDtos.CredentialsView;
import io.llmops.model.boundary.ModelDtos.ProviderView;
import io.llmops.model.control.CredentialFields;
import io.llmops.model.control.ModelCatalog;
import io.llmops.model.control.ModelFactory;
import io.llmops.model.control.ModelSpec;
import io.llmops.model.control.ProviderCredentials;
import io.llmops.model.control.ProviderSpec;
import io.llmops.platform.cache.CacheInvalidations;
import io.llmops.platform.cache.ClusterCache;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.error.FieldError;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The model feature's facade: the catalogue as a workspace sees it, the workspace's provider
 * credentials (checked, optionally validated against the provider, stored sealed, shown masked),
 * and chat models built with them — the entry point for apps and agents. Not transactional itself:
 * a credential check calls the provider, which must not hold a database transaction open.
 */
@ApplicationScoped
public class Models {

    static final String VALIDATE = "validate";

    @Inject
    ModelCatalog catalog;

    @Inject
    ModelFactory factory;

    @Inject
    ProviderCredentialStore store;

    @Inject
    CacheInvalidations invalidations;

    /** Opened credentials by workspace and provider (empty: none stored), so a chat turn need not read them. */
    private ClusterCache<Optional<Map<String, String>>> credentialValues;

    @PostConstruct
    void init() {
        credentialValues = invalidations.cache("model-credentials");
    }

    public List<ProviderView> providers(UUID workspaceId) {
        Set<String> configured = store.configuredProviders(workspaceId);
        return catalog.providers().stream().map(p -> ProviderView.of(p, configured.contains(p.name()))).toList();
    }

    public ModelSpec model(String provider, String model) {
        return catalog.model(requireProvider(provider).name(), model).orElseThrow(() -> ApiException.notFound("Model"));
    }

    public CredentialsView credentials(UUID workspaceId, String provider) {
        ProviderSpec spec = requireProvider(provider);
        return store.find(workspaceId, spec.name()).map(stored -> view(spec, stored))
                .orElseThrow(() -> ApiException.notFound("Credentials"));
    }

    /**
     * Stores the provider's credentials for the workspace, replacing any before. A secret sent back
     * exactly as it was shown masked keeps the stored value. A base URL the SSRF guard refuses is
     * refused here. With {@code "validate": true} the provider is called first and nothing is stored
     * when it refuses.
     */
    public CredentialsView saveCredentials(UUID workspaceId, String provider, Map<String, Object> document) {
        ProviderSpec spec = requireProvider(provider);
        Object validate = document.get(VALIDATE);
        Map<String, Object> unmasked = unmasked(workspaceId, spec, document);
        List<FieldError> errors = new ArrayList<>(CredentialFields.check(spec, unmasked, List.of(VALIDATE)));
        if (validate != null && !(validate instanceof Boolean)) {
            errors.add(new FieldError(VALIDATE, "must be true or false"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, "validation_failed", "The request has invalid fields", errors, Map.of());
        }
        Map<String, String> values = CredentialFields.values(spec, unmasked);
        ProviderCredentials credentials = ProviderCredentials.of(spec, values);
        factory.checkEndpoint(spec.name(), credentials);
        if (Boolean.TRUE.equals(validate)) {
            factory.validate(spec.name(), credentials);
        }
        CredentialsView saved = view(spec, store.save(workspaceId, spec.name(), values));
        credentialValues.invalidate(credentialKey(workspaceId, spec));
        return saved;
    }

    public void deleteCredentials(UUID workspaceId, String provider) {
        ProviderSpec spec = requireProvider(provider);
        boolean deleted = store.delete(workspaceId, spec.name());
        credentialValues.invalidate(credentialKey(workspaceId, spec));
        if (!deleted) {
            throw ApiException.notFound("Credentials");
        }
    }

    /** A blocking chat model with the workspace's credentials; provider failures surface as {@code model_error}. */
    public ChatModel chatModel(UUID workspaceId, String provider, String model, Map<String, ?> parameters) {
        return factory.chatModel(provider, model, credentialsFor(workspaceId, provider), parameters);
    }

    /**
     * A streaming chat model with the workspace's credentials, retried only before its first token.
     * Built models are reused (a build resolves the catalogue and parameters and sets up LangChain4j's
     * request mapping; all of them share one HTTP client, see ModelHttpClient); a change of credentials or
     * parameters makes a new key, and the least recently used models drop out past the bound.
     */
    public StreamingChatModel streamingChatModel(UUID workspaceId, String provider, String model, Map<String, ?> parameters) {
        ProviderCredentials credentials = credentialsFor(workspaceId, provider);
        ModelKey key = new ModelKey("streaming-chat", workspaceId, provider, model,
                new java.util.TreeMap<>(parameters).toString(), credentials.values());
        return cached(key, StreamingChatModel.class,
                () -> factory.streamingChatModel(provider, model, credentials, parameters));
    }

    /** An embedding model and the id its vectors are cached under (see {@link #embeddingModel}). */
    public record WorkspaceEmbeddingModel(String id, EmbeddingModel model) {
    }

    /**
     * An embedding model of OpenAI or Azure OpenAI with the workspace's credentials, reused like the
     * streaming models. Its id names provider and model, plus a fingerprint of the endpoint when the
     * credentials name their own base URL: vectors are shared by every workspace using the same model
     * at the same endpoint (identical text, identical vector), never across endpoints.
     */
    public WorkspaceEmbeddingModel embeddingModel(UUID workspaceId, String provider, String model) {
        ProviderCredentials credentials = credentialsFor(workspaceId, provider);
        ModelKey key = new ModelKey("embedding", workspaceId, provider, model, "", credentials.values());
        EmbeddingModel built = cached(key, EmbeddingModel.class, () -> factory.embeddingModel(provider, model, credentials));
        String endpoint = credentials.baseUrl() == null ? ""
                : "@" + io.llmops.platform.crypto.Hashes.sha256Hex(credentials.baseUrl()).substring(0, 12);
        return new WorkspaceEmbeddingModel(provider + ":" + model + endpoint, built);
    }

    /** Whether the workspace has stored credentials for the provider. */
    public boolean hasCredentials(UUID workspaceId, String provider) {
        return store.find(workspaceId, requireProvider(provider).name()).isPresent();
    }

    private <T> T cached(ModelKey key, Class<T> type, java.util.function.Supplier<T> build) {
        return type.cast(models.get(key, k -> build.get()));
    }

    /** {@code credentials} compared by value, so storing new ones builds a new model; never printed. */
    private record ModelKey(String kind, UUID workspaceId, String provider, String model, String parameters,
                            Map<String, String> credentials) {
        @Override
        public String toString() {
            return "ModelKey[" + kind + ", " + workspaceId + ", " + provider + "/" + model + ", credentials=****]";
        }
    }

    private static final int MAX_CACHED_MODELS = 256;

    /** Built models, the least recently used dropped past the bound. */
    private final com.github.benmanes.caffeine.cache.Cache<ModelKey, Object> models =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(MAX_CACHED_MODELS).build();

    private ProviderCredentials credentialsFor(UUID workspaceId, String provider) {
        ProviderSpec spec = requireProvider(provider);
        return credentialValues.get(credentialKey(workspaceId, spec),
                        () -> store.find(workspaceId, spec.name()).map(SealedCredentials.Stored::values))
                .map(values -> ProviderCredentials.of(spec, values))
                .orElseGet(() -> {
                    if (spec.credentialFields().stream().anyMatch(ProviderSpec.CredentialField::required)) {
                        throw ApiException.badRequest("model_credentials_missing",
                                "This workspace has no credentials for model provider " + spec.name());
                    }
                    return ProviderCredentials.none();
                });
    }

    private static String credentialKey(UUID workspaceId, ProviderSpec spec) {
        return workspaceId + ":" + spec.name();
    }

    /** The document with every secret that equals its stored masked form replaced by the stored value. */
    private Map<String, Object> unmasked(UUID workspaceId, ProviderSpec spec, Map<String, Object> document) {
        Map<String, Object> result = new LinkedHashMap<>(document);
        store.find(workspaceId, spec.name()).ifPresent(stored -> spec.credentialFields().stream()
                .filter(ProviderSpec.CredentialField::secret)
                .forEach(field -> {
                    String old = stored.values().get(field.name());
                    if (old != null && CredentialFields.mask(old).equals(document.get(field.name()))) {
                        result.put(field.name(), old);
                    }
                }));
        return result;
    }

    private ProviderSpec requireProvider(String provider) {
        return catalog.provider(provider).orElseThrow(() -> ApiException.notFound("Model provider"));
    }

    private static CredentialsView view(ProviderSpec spec, SealedCredentials.Stored stored) {
        return new CredentialsView(spec.name(), ProviderCredentials.of(spec, stored.values()).masked(),
                stored.createdAt(), stored.updatedAt());
    }
}
