package io.llmops.agent.control;

import java.util.List;

/** How a turn ended: the (masked) answer, every thought, token usage, and the error if it failed. */
public record AgentResult(Status status, String answer, List<AgentThought> thoughts, long promptTokens,
                          long completionTokens, String error) {

    public enum Status { NORMAL, STOP, ERROR }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
