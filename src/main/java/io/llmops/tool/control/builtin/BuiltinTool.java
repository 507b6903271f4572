package io.llmops.tool.control.builtin;

import java.io.IOException;
import java.util.Map;

/**
 * One built-in tool's behaviour; its metadata is in {@link BuiltinCatalog}. Failures carry human
 * messages: {@link IllegalArgumentException} for bad arguments or missing credentials (the caller's
 * to fix: try-it answers 400), {@link io.llmops.tool.control.ToolException} when the upstream
 * fails (502), and {@link io.llmops.platform.outbound.OutboundBlockedException} passes through
 * unchanged (ssrf_blocked).
 */
public interface BuiltinTool {

    /** Runs with checked arguments (defaults applied) and the provider's credentials; answers the observation. */
    String run(ToolArguments arguments, Map<String, String> credentials) throws IOException;
}
