package io.llmops.model.boundary;

import io.llmops.model.control.ModelSpec;
import io.llmops.model.control.ProviderSpec;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Response bodies of the model API (snake_case on the wire). */
public final class ModelDtos {

    private ModelDtos() {
    }

    /** A catalogue provider, with whether the caller's workspace stored credentials for it. */
    public record ProviderView(String name, String label, String description, String kind, String defaultBaseUrl,
                               List<ProviderSpec.CredentialField> credentialFields, List<ModelSpec> models,
                               ModelSpec customModelTemplate, boolean configured) {
        static ProviderView of(ProviderSpec p, boolean configured) {
            return new ProviderView(p.name(), p.label(), p.description(), p.kind(), p.defaultBaseUrl(),
                    p.credentialFields(), p.models(), p.customModelTemplate(), configured);
        }
    }

    /** A workspace's credentials for one provider, secret values masked. */
    public record CredentialsView(String provider, Map<String, String> credentials, Instant createdAt, Instant updatedAt) {
    }
}
