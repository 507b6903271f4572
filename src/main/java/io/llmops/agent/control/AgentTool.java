package io.llmops.agent.control;

import dev.langchain4j.agent.tool.ToolSpecification;

/**
 * A tool as the agent loop sees it: a typed specification the model can call, and a way to run it.
 * The tool feature adapts its registry (built-in, API, workflow, knowledge tools) to this port.
 */
public interface AgentTool {

    ToolSpecification specification();

    /**
     * Runs the tool with the model's JSON arguments and returns the observation the model reads.
     * Throwing is fine: the loop turns the failure into an observation instead of failing the turn.
     */
    String execute(String argumentsJson) throws Exception;

    default String name() {
        return specification().name();
    }
}
