package io.llmops.tool.control.builtin;

import java.io.IOException;
import java.util.Map;

/**
 * One built-in tool's behaviour; its metadata is in {@link BuiltinCatalog}. Failures are
 * {@link io.llmops.tool.control.ToolException}s with human messages, except
 * {@link io.llmops.platform.outbound.OutboundBlockedException}, which passes through unchanged.
 */
public interface BuiltinTool {

    /** Runs with checked arguments (defaults applied) and the provider's credentials; answers the observation. */
    String run(ToolArguments arguments, Map<String, String> credentials) throws IOException;
}
