package io.llmops.tool.boundary;

import io.llmops.platform.persistence.SealedCredentials;
import io.llmops.platform.outbound.OutboundHttp;
import io.llmops.tool.control.CallableTool;
import io.llmops.tool.control.ToolProvider;
import io.llmops.tool.control.builtin.BaseUrls;
import io.llmops.tool.control.builtin.BuiltinCallableTool;
import io.llmops.tool.control.builtin.BuiltinCatalog;
import io.llmops.tool.control.builtin.BuiltinCredentials;
import io.llmops.tool.control.builtin.BuiltinProviderSpec;
import io.llmops.tool.control.builtin.BuiltinTool;
import io.llmops.tool.control.builtin.BuiltinToolKit;
import io.llmops.tool.control.builtin.BuiltinToolSpec;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Built-in tools, entry {@code {"type": "builtin", "provider": …, "tool": …, "params"?: {…},
 * "credentials"?: {…}}}. Credentials given in the entry (a try-it call) win over the workspace's
 * stored ones; {@code params} fixes parameter values the model then neither sees nor overrides.
 * A tool whose provider needs credentials resolves without them and fails when called, saying so.
 */
@ApplicationScoped
public class BuiltinToolProvider implements ToolProvider {

    @Inject
    BuiltinCatalog catalog;

    @Inject
    OutboundHttp http;

    @Inject
    BuiltinToolCredentialStore credentials;

    @Inject
    @ConfigProperty(name = "llmops.tools.duckduckgo.base-url", defaultValue = BaseUrls.DUCKDUCKGO)
    String duckduckgoUrl;

    @Inject
    @ConfigProperty(name = "llmops.tools.gaode.base-url", defaultValue = BaseUrls.GAODE)
    String gaodeUrl;

    @Inject
    @ConfigProperty(name = "llmops.tools.dalle.base-url", defaultValue = BaseUrls.DALLE)
    String dalleUrl;

    @Inject
    @ConfigProperty(name = "llmops.tools.wikipedia.base-url", defaultValue = BaseUrls.WIKIPEDIA)
    String wikipediaUrl;

    @Inject
    @ConfigProperty(name = "llmops.tools.serper.base-url", defaultValue = BaseUrls.SERPER)
    String serperUrl;

    private Map<String, BuiltinTool> tools;

    @PostConstruct
    void init() {
        tools = BuiltinToolKit.create(http, new BaseUrls(duckduckgoUrl, gaodeUrl, dalleUrl, wikipediaUrl, serperUrl),
                Clock.systemUTC());
    }

    @Override
    public String type() {
        return "builtin";
    }

    @Override
    public Optional<CallableTool> resolve(UUID workspaceId, Map<String, Object> entry) {
        if (!(entry.get("provider") instanceof String providerName) || !(entry.get("tool") instanceof String toolName)) {
            return Optional.empty();
        }
        Optional<BuiltinProviderSpec> provider = catalog.provider(providerName);
        Optional<BuiltinToolSpec> spec = provider.flatMap(p -> p.tool(toolName));
        BuiltinTool tool = tools.get(providerName + "." + toolName);
        if (spec.isEmpty() || tool == null) {
            return Optional.empty();
        }
        Object given = entry.get("credentials");
        return Optional.of(new BuiltinCallableTool(provider.get(), spec.get(), tool,
                () -> credentials(workspaceId, provider.get(), given), fixedParams(entry.get("params"))));
    }

    private Map<String, String> credentials(UUID workspaceId, BuiltinProviderSpec provider, Object given) {
        if (given instanceof Map<?, ?> map && !map.isEmpty()) {
            Map<String, Object> document = new LinkedHashMap<>();
            map.forEach((k, v) -> document.put(String.valueOf(k), v));
            return BuiltinCredentials.values(provider, document);
        }
        if (provider.credentialFields().isEmpty() || workspaceId == null) {
            return Map.of();
        }
        return credentials.find(workspaceId, provider.name()).map(SealedCredentials.Stored::values).orElse(Map.of());
    }

    private static Map<String, Object> fixedParams(Object params) {
        Map<String, Object> fixed = new LinkedHashMap<>();
        if (params instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v != null && !(v instanceof String s && s.isBlank())) {
                    fixed.put(String.valueOf(k), v);
                }
            });
        }
        return fixed;
    }
}
