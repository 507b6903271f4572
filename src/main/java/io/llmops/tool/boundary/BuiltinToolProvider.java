package io.llmops.tool.boundary;

import io.llmops.tool.control.CallableTool;
import io.llmops.tool.control.CurrentTimeTool;
import io.llmops.tool.control.ToolProvider;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Built-in tools, entry {@code {"type": "builtin", "provider": …, "tool": …}}. More arrive with issue 4. */
@ApplicationScoped
public class BuiltinToolProvider implements ToolProvider {

    private final Map<String, CallableTool> tools = Map.of(
            CurrentTimeTool.PROVIDER + "." + CurrentTimeTool.NAME, new CurrentTimeTool(Clock.systemUTC()));

    @Override
    public String type() {
        return "builtin";
    }

    @Override
    public Optional<CallableTool> resolve(UUID workspaceId, Map<String, Object> entry) {
        return Optional.ofNullable(tools.get(entry.get("provider") + "." + entry.get("tool")));
    }
}
