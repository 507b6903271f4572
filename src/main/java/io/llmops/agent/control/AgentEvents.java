package io.llmops.agent.control;

/**
 * What a turn tells its listener as it happens (the boundary turns these into SSE events and rows).
 * Calls come from the model's streaming threads, one at a time per turn.
 */
public interface AgentEvents {

    /** A piece of the answer, already masked by the output review. */
    void answer(String delta);

    /** The model asked for a tool; the observation is not known yet. */
    default void toolStarted(int position, String tool, String input) {
    }

    /** A tool call finished (or failed): the full thought with its observation and timing. */
    void thought(AgentThought thought);

    AgentEvents NONE = new AgentEvents() {
        @Override
        public void answer(String delta) {
        }

        @Override
        public void thought(AgentThought thought) {
        }
    };
}
