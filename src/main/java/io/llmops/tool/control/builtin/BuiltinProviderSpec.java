package io.llmops.tool.control.builtin;

import java.util.List;
import java.util.Optional;

/**
 * One built-in tool provider of the catalogue: what it is, where it is filed, which credentials a
 * workspace stores for it and its tools. The icon is {@code tool/icons/{name}.svg}.
 */
public record BuiltinProviderSpec(String name, String label, String description, String category,
                                  List<CredentialField> credentialFields, List<BuiltinToolSpec> tools) {

    /** One credential input: secret ones are sealed at rest and masked when read. */
    public record CredentialField(String name, String label, boolean secret, boolean required, String help) {
    }

    public BuiltinProviderSpec {
        credentialFields = credentialFields == null ? List.of() : List.copyOf(credentialFields);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public Optional<BuiltinToolSpec> tool(String toolName) {
        return tools.stream().filter(t -> t.name().equals(toolName)).findFirst();
    }

    public boolean needsCredentials() {
        return credentialFields.stream().anyMatch(CredentialField::required);
    }
}
