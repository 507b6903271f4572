package io.llmops.tool.boundary;

import io.llmops.tool.control.CallableTool;
import io.llmops.tool.control.ToolProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Imported API tools, entry {@code {"type": "api", "provider_id": "<uuid>", "tool": "<operationId>"}}, per workspace. */
@ApplicationScoped
public class ApiToolProvider implements ToolProvider {

    @Inject
    ApiTools apiTools;

    @Override
    public String type() {
        return "api";
    }

    @Override
    public Optional<CallableTool> resolve(UUID workspaceId, Map<String, Object> entry) {
        if (workspaceId == null || !(entry.get("provider_id") instanceof String id) || !(entry.get("tool") instanceof String tool)) {
            return Optional.empty();
        }
        UUID providerId;
        try {
            providerId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return apiTools.callable(workspaceId, providerId, tool).map(CallableTool.class::cast);
    }
}
