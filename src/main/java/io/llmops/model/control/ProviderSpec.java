package io.llmops.model.control;

import java.util.List;
import java.util.Optional;

/**
 * One model provider of the catalogue.
 *
 * @param kind             which LangChain4j module talks to it: openai, azure_openai, anthropic, gemini, ollama,
 *                         or openai_compatible (any OpenAI-style endpoint by base URL)
 * @param defaultBaseUrl   where it is reached unless the workspace's credentials name another base URL
 * @param credentialFields what a workspace must or may store for it (api_key, base_url, api_version, deployment…)
 * @param customModelTemplate when set, any model name is accepted and described by this template
 */
public record ProviderSpec(String name, String label, String description, String kind, String defaultBaseUrl,
                           List<CredentialField> credentialFields, List<ModelSpec> models,
                           ModelSpec customModelTemplate) {

    /** One credential input: its name, whether it is secret (masked when read) and required. */
    public record CredentialField(String name, String label, boolean secret, boolean required) {
    }

    public ProviderSpec {
        credentialFields = credentialFields == null ? List.of() : List.copyOf(credentialFields);
        models = models == null ? List.of() : List.copyOf(models);
    }

    public Optional<ModelSpec> model(String name) {
        Optional<ModelSpec> listed = models.stream().filter(m -> m.name().equals(name)).findFirst();
        if (listed.isPresent() || customModelTemplate == null || name == null || name.isBlank() || name.length() > 128) {
            return listed;
        }
        return Optional.of(customModelTemplate.named(name));
    }
}
