package io.llmops.agent.control;

import dev.langchain4j.data.message.ChatMessage;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Everything one turn needs: the system prompt, the memory already cut to fit, the user's query,
 * the tools, the loop bound, the review rules, and how to ask whether someone pressed stop.
 */
public record AgentRequest(String systemPrompt, List<ChatMessage> memory, String query, List<AgentTool> tools,
                           int maxIterations, Review review, BooleanSupplier stopRequested) {

    public static final int DEFAULT_MAX_ITERATIONS = 10;

    /**
     * Keyword review: on input, a matching query is answered with {@code presetResponse} without
     * calling the model; on output, keywords are masked in the answer and the stream.
     */
    public record Review(List<String> keywords, boolean checkInput, String presetResponse, boolean maskOutput) {
        public static final Review NONE = new Review(List.of(), false, null, false);
    }

    public AgentRequest {
        memory = memory == null ? List.of() : List.copyOf(memory);
        tools = tools == null ? List.of() : ToolNames.uniquelyNamed(List.copyOf(tools));
        review = review == null ? Review.NONE : review;
        stopRequested = stopRequested == null ? () -> false : stopRequested;
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1");
        }
    }
}
