package io.llmops.tool.boundary;

import io.llmops.platform.persistence.SealedCredentials;
import io.llmops.model.control.CredentialFields;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.error.FieldError;
import io.llmops.tool.boundary.BuiltinToolDtos.CredentialsView;
import io.llmops.tool.boundary.BuiltinToolDtos.ProviderView;
import io.llmops.tool.boundary.BuiltinToolDtos.ToolView;
import io.llmops.tool.control.builtin.BuiltinCatalog;
import io.llmops.tool.control.builtin.BuiltinCredentials;
import io.llmops.tool.control.builtin.BuiltinProviderSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in tools feature's facade: the catalogue as a workspace sees it, provider icons, and
 * the workspace's provider credentials (checked against the provider's schema, stored sealed,
 * shown masked).
 */
@ApplicationScoped
public class BuiltinTools {

    @Inject
    BuiltinCatalog catalog;

    @Inject
    BuiltinToolCredentialStore store;

    private final Map<String, byte[]> icons = new ConcurrentHashMap<>();

    public List<ProviderView> providers(UUID workspaceId) {
        Set<String> configured = store.configuredProviders(workspaceId);
        return catalog.providers().stream().map(p -> ProviderView.of(p, configured.contains(p.name()))).toList();
    }

    public ToolView tool(String provider, String tool) {
        BuiltinProviderSpec spec = requireProvider(provider);
        return spec.tool(tool).map(t -> ToolView.of(spec, t)).orElseThrow(() -> ApiException.notFound("Tool"));
    }

    public List<BuiltinCatalog.Category> categories() {
        return catalog.categories();
    }

    /** The provider's SVG icon, shipped as {@code tool/icons/{provider}.svg}. */
    public byte[] icon(String provider) {
        String name = requireProvider(provider).name();
        return icons.computeIfAbsent(name, n -> {
            try (InputStream in = BuiltinTools.class.getClassLoader().getResourceAsStream("tool/icons/" + n + ".svg")) {
                if (in == null) {
                    throw ApiException.notFound("Icon");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public CredentialsView credentials(UUID workspaceId, String provider) {
        BuiltinProviderSpec spec = requireProvider(provider);
        return store.find(workspaceId, spec.name()).map(stored -> view(spec, stored))
                .orElseThrow(() -> ApiException.notFound("Credentials"));
    }

    /**
     * Stores the provider's credentials for the workspace, replacing any before. A secret sent back
     * exactly as it was shown masked keeps the stored value.
     */
    public CredentialsView saveCredentials(UUID workspaceId, String provider, Map<String, Object> document) {
        BuiltinProviderSpec spec = requireProvider(provider);
        if (spec.credentialFields().isEmpty()) {
            throw ApiException.badRequest("credentials_not_needed", "Built-in tool provider " + spec.name() + " takes no credentials");
        }
        Map<String, Object> unmasked = unmasked(workspaceId, spec, document);
        List<FieldError> errors = BuiltinCredentials.check(spec, unmasked);
        if (!errors.isEmpty()) {
            throw new ApiException(400, "validation_failed", "The request has invalid fields", errors, Map.of());
        }
        return view(spec, store.save(workspaceId, spec.name(), BuiltinCredentials.values(spec, unmasked)));
    }

    public void deleteCredentials(UUID workspaceId, String provider) {
        BuiltinProviderSpec spec = requireProvider(provider);
        if (!store.delete(workspaceId, spec.name())) {
            throw ApiException.notFound("Credentials");
        }
    }

    private Map<String, Object> unmasked(UUID workspaceId, BuiltinProviderSpec spec, Map<String, Object> document) {
        Map<String, Object> result = new LinkedHashMap<>(document);
        store.find(workspaceId, spec.name()).ifPresent(stored -> spec.credentialFields().stream()
                .filter(BuiltinProviderSpec.CredentialField::secret)
                .forEach(field -> {
                    String old = stored.values().get(field.name());
                    if (old != null && CredentialFields.mask(old).equals(document.get(field.name()))) {
                        result.put(field.name(), old);
                    }
                }));
        return result;
    }

    private BuiltinProviderSpec requireProvider(String provider) {
        return catalog.provider(provider).orElseThrow(() -> ApiException.notFound("Built-in tool provider"));
    }

    private static CredentialsView view(BuiltinProviderSpec spec, SealedCredentials.Stored stored) {
        return new CredentialsView(spec.name(), BuiltinCredentials.masked(spec, stored.values()),
                stored.createdAt(), stored.updatedAt());
    }
}
