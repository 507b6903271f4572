package io.llmops.agent.control;

/**
 * One step of the loop in which the model called a tool: what it said before the call, the tool and
 * its input, what came back, how long the tool took, and whether it failed.
 */
public record AgentThought(int position, String thought, String tool, String toolInput, String observation,
                           long latencyMillis, boolean failed) {
}
