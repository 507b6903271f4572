package io.llmops.tool.control;

/**
 * A tool's upstream refused or failed (unreachable, HTTP error, an answer it could not read); bad
 * arguments are {@link IllegalArgumentException}s instead. The message is written for people (and
 * the model, which sees it as the observation), never a stack trace.
 */
public class ToolException extends RuntimeException {

    public ToolException(String message) {
        super(message, null, false, false);
    }
}
