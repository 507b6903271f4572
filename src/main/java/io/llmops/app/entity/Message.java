package io.llmops.app.entity;

import io.llmops.platform.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One turn: the user's query and the answer, how it ended, and what it cost. */
@Entity
@Table(name = "message")
public class Message {

    public enum Status { normal, stop, error }

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(name = "app_id", nullable = false)
    private UUID appId;

    @Column(name = "conversation_id", nullable = false)
    private UUID conversationId;

    @Column(name = "task_id", nullable = false)
    private UUID taskId;

    @Column(nullable = false)
    private String query;

    @Column(nullable = false)
    private String answer;

    @Column(nullable = false, length = 16)
    private String status;

    private String error;

    private String provider;

    private String model;

    @Column(name = "prompt_tokens", nullable = false)
    private int promptTokens;

    @Column(name = "completion_tokens", nullable = false)
    private int completionTokens;

    @Column(name = "total_price", nullable = false)
    private BigDecimal totalPrice;

    private String currency;

    @Column(name = "latency_ms", nullable = false)
    private long latencyMillis;

    @Column(name = "first_token_ms")
    private Long firstTokenMillis;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected Message() {
    }

    public Message(UUID id, UUID taskId, Conversation conversation, String query, String provider, String model) {
        this.id = id;
        this.taskId = taskId;
        this.workspaceId = conversation.workspaceId();
        this.appId = conversation.appId();
        this.conversationId = conversation.id();
        this.query = query;
        this.answer = "";
        this.status = Status.normal.name();
        this.provider = provider;
        this.model = model;
        this.totalPrice = BigDecimal.ZERO;
        this.createdAt = Timestamps.now();
    }

    /** Records how the turn ended. */
    public void finished(Status endStatus, String finalAnswer, String errorText, int prompt, int completion,
                         BigDecimal price, String priceCurrency, long latency, Long firstToken) {
        this.status = endStatus.name();
        this.answer = finalAnswer == null ? "" : finalAnswer;
        this.error = errorText;
        this.promptTokens = prompt;
        this.completionTokens = completion;
        this.totalPrice = price == null ? BigDecimal.ZERO : price;
        this.currency = priceCurrency;
        this.latencyMillis = latency;
        this.firstTokenMillis = firstToken;
    }

    public void delete() {
        this.deletedAt = Timestamps.now();
    }

    public UUID id() {
        return id;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    public UUID appId() {
        return appId;
    }

    public String provider() {
        return provider;
    }

    public String model() {
        return model;
    }

    public Long firstTokenMillis() {
        return firstTokenMillis;
    }

    public UUID conversationId() {
        return conversationId;
    }

    public UUID taskId() {
        return taskId;
    }

    public String query() {
        return query;
    }

    public String answer() {
        return answer;
    }

    public String status() {
        return status;
    }

    public String error() {
        return error;
    }

    public int promptTokens() {
        return promptTokens;
    }

    public int completionTokens() {
        return completionTokens;
    }

    public BigDecimal totalPrice() {
        return totalPrice;
    }

    public String currency() {
        return currency;
    }

    public long latencyMillis() {
        return latencyMillis;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
