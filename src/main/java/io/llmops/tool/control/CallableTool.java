package io.llmops.tool.control;

import dev.langchain4j.agent.tool.ToolSpecification;

/**
 * A tool ready to be called: the typed specification a model sees and the call itself. Whatever
 * provides tools (built-in, API tools, later workflows and knowledge retrieval) hands these out.
 */
public interface CallableTool {

    ToolSpecification specification();

    /** Runs the tool with the model's JSON arguments and answers the observation text. */
    String call(String argumentsJson) throws Exception;
}
