package io.llmops.tool.control.builtin;

import io.llmops.tool.control.CallableTool;

import java.util.Map;

/** Binds a tool implementation to its catalogue metadata, as the provider does, for unit tests. */
final class Builtins {

    static final BuiltinCatalog CATALOG = BuiltinCatalog.fromClasspath();

    private Builtins() {
    }

    static CallableTool bind(String provider, String tool, BuiltinTool implementation, Map<String, String> credentials) {
        return bind(provider, tool, implementation, credentials, Map.of());
    }

    static CallableTool bind(String provider, String tool, BuiltinTool implementation, Map<String, String> credentials,
                             Map<String, Object> fixed) {
        BuiltinProviderSpec spec = CATALOG.provider(provider).orElseThrow();
        return new BuiltinCallableTool(spec, spec.tool(tool).orElseThrow(), implementation, credentials, fixed);
    }
}
