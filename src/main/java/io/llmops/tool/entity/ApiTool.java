package io.llmops.tool.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.UUID;

/** One operation of an imported spec as a tool (table {@code api_tool}); parameters are a JSON list. */
@Entity
@Table(name = "api_tool")
public class ApiTool {

    @Id
    private UUID id;

    @Column(name = "provider_id", nullable = false)
    private UUID providerId;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(nullable = false)
    private String description;

    @Column(nullable = false, length = 16)
    private String method;

    @Column(nullable = false, length = 2048)
    private String path;

    @Column(name = "body_type", length = 16)
    private String bodyType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String parameters;

    protected ApiTool() {
    }

    public ApiTool(UUID providerId, UUID workspaceId, int position, String name, String description, String method,
                   String path, String bodyType, String parametersJson) {
        this.id = UUID.randomUUID();
        this.providerId = providerId;
        this.workspaceId = workspaceId;
        this.position = position;
        this.name = name;
        this.description = description;
        this.method = method;
        this.path = path;
        this.bodyType = bodyType;
        this.parameters = parametersJson;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String bodyType() {
        return bodyType;
    }

    public String parametersJson() {
        return parameters;
    }
}
