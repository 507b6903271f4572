package io.llmops.tool.control;

/**
 * A tool ran but its upstream refused or failed (for example an API tool's HTTP 4xx/5xx). The
 * message is written for the model and the user: the agent loop shows it as the observation, the
 * try-it endpoint as a {@code tool_error}.
 */
public final class ToolCallFailed extends Exception {

    public ToolCallFailed(String message) {
        super(message, null, false, false);
    }
}
