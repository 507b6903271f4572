package io.llmops.app.entity;

import io.llmops.platform.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One tool call the agent made while answering a message. */
@Entity
@Table(name = "message_agent_thought")
public class MessageAgentThought {

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(name = "message_id", nullable = false)
    private UUID messageId;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false)
    private String thought;

    @Column(nullable = false)
    private String tool;

    @Column(name = "tool_input", nullable = false)
    private String toolInput;

    @Column(nullable = false)
    private String observation;

    @Column(nullable = false)
    private boolean failed;

    @Column(name = "latency_ms", nullable = false)
    private long latencyMillis;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected MessageAgentThought() {
    }

    public MessageAgentThought(UUID id, UUID workspaceId, UUID messageId, int position, String thought, String tool,
                               String toolInput, String observation, boolean failed, long latencyMillis) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.messageId = messageId;
        this.position = position;
        this.thought = thought;
        this.tool = tool;
        this.toolInput = toolInput;
        this.observation = observation;
        this.failed = failed;
        this.latencyMillis = latencyMillis;
        this.createdAt = Timestamps.now();
    }

    public UUID id() {
        return id;
    }

    public int position() {
        return position;
    }

    public String thought() {
        return thought;
    }

    public String tool() {
        return tool;
    }

    public String toolInput() {
        return toolInput;
    }

    public String observation() {
        return observation;
    }

    public long latencyMillis() {
        return latencyMillis;
    }
}
