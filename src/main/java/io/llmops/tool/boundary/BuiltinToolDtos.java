package io.llmops.tool.boundary;

import io.llmops.tool.control.builtin.BuiltinProviderSpec;
import io.llmops.tool.control.builtin.BuiltinToolSpec;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Response bodies of the built-in tools API (snake_case on the wire). */
public final class BuiltinToolDtos {

    private BuiltinToolDtos() {
    }

    /** A provider with its tools; {@code configured} tells whether the caller's workspace stored credentials for it. */
    public record ProviderView(String name, String label, String description, String icon, String category,
                               List<BuiltinProviderSpec.CredentialField> credentialFields, boolean needsCredentials,
                               boolean configured, List<ToolView> tools) {
        static ProviderView of(BuiltinProviderSpec p, boolean configured) {
            return new ProviderView(p.name(), p.label(), p.description(), iconUrl(p.name()), p.category(),
                    p.credentialFields(), p.needsCredentials(), configured,
                    p.tools().stream().map(t -> ToolView.of(p, t)).toList());
        }
    }

    /** One tool: the name the model calls it by, its typed parameters and what it answers. */
    public record ToolView(String provider, String name, String functionName, String label, String description,
                           List<BuiltinToolSpec.Parameter> parameters, String output) {
        static ToolView of(BuiltinProviderSpec p, BuiltinToolSpec t) {
            return new ToolView(p.name(), t.name(), t.functionName(), t.label(), t.description(), t.parameters(), t.output());
        }
    }

    /** A workspace's credentials for one provider, secret values masked. */
    public record CredentialsView(String provider, Map<String, String> credentials, Instant createdAt, Instant updatedAt) {
    }

    static String iconUrl(String provider) {
        return "/api/builtin-tools/" + provider + "/icon";
    }
}
