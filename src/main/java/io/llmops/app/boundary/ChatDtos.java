package io.llmops.app.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Bodies of the debug-chat API (Dify's shapes, snake_case on the wire). */
public final class ChatDtos {

    private ChatDtos() {
    }

    /** {@code response_mode}: "streaming" (default, Server-Sent Events) or "blocking" (one JSON document). */
    public record ChatRequest(@NotBlank @Size(max = 20_000) String query, UUID conversationId,
                              @Pattern(regexp = "streaming|blocking", message = "must be streaming or blocking")
                              String responseMode) {
        public boolean blocking() {
            return "blocking".equals(responseMode);
        }
    }

    public record Usage(long promptTokens, long completionTokens, long totalTokens, BigDecimal totalPrice,
                        String currency, double latency) {
    }

    public record ThoughtView(UUID id, int position, String thought, String tool, String toolInput,
                              String observation, long latencyMs) {
    }

    public record MessageView(UUID id, UUID conversationId, String conversationName, UUID taskId, String query, String answer, String status,
                              String error, Usage usage, List<ThoughtView> agentThoughts, Instant createdAt) {
    }

    /** What blocking mode answers (Dify's chat-messages response). */
    public record BlockingAnswer(String event, UUID messageId, UUID conversationId, UUID taskId, String answer,
                                 String status, Metadata metadata, Instant createdAt) {
    }

    public record Metadata(Usage usage, List<Object> retrieverResources) {
    }

    public record StopResult(String result) {
    }

    /** {@code PATCH /api/conversations/{id}}: fields left out stay as they are. */
    public record ConversationUpdate(@Size(max = 255, message = "must be at most 255 characters") String name,
                                     Boolean isPinned) {
    }

    public record ConversationView(UUID id, UUID appId, String name, boolean pinned, String invokeFrom,
                                   Instant createdAt, Instant updatedAt) {
    }
}
