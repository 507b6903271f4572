package io.llmops.tool.control;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one way tools reach the registry. Each provider owns one {@code type} of app-config tool
 * entry ({@code {"type": "builtin", "provider": "time", "tool": "current_time"}}); implementations
 * are CDI beans, so features above {@code tool} (knowledge, workflows) can add providers without
 * {@code tool} or {@code agent} knowing them.
 */
public interface ToolProvider {

    /** The entry type this provider resolves, e.g. "builtin" or "api". */
    String type();

    /** The tool an app-config entry names in this workspace, or empty when there is no such tool. */
    Optional<CallableTool> resolve(UUID workspaceId, Map<String, Object> entry);
}
