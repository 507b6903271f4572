package io.llmops.tool.control;

/**
 * A tool could not do what it was asked: bad arguments, missing credentials, an upstream that
 * refused or failed. The message is written for people (and the model, which sees it as the
 * observation), never a stack trace.
 */
public class ToolException extends RuntimeException {

    public ToolException(String message) {
        super(message, null, false, false);
    }
}
