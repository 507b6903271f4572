package io.llmops.tool.boundary;

import io.llmops.tool.control.CallableTool;
import io.llmops.tool.control.ToolProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Resolves app-config tool entries through whichever CDI-discovered {@link ToolProvider} owns their type. */
@ApplicationScoped
public class ToolRegistry {

    @Inject
    @Any
    Instance<ToolProvider> providers;

    public Optional<CallableTool> resolve(UUID workspaceId, Map<String, Object> entry) {
        if (entry == null || !(entry.get("type") instanceof String type)) {
            return Optional.empty();
        }
        for (ToolProvider provider : providers) {
            if (provider.type().equals(type)) {
                return provider.resolve(workspaceId, entry);
            }
        }
        return Optional.empty();
    }
}
