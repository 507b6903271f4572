package io.llmops.tool.entity;

import io.llmops.platform.persistence.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An imported OpenAPI spec (table {@code api_tool_provider}): its text, the server its tools call,
 * and its headers and auth, sealed (the plain values never reach this entity). Its tools are {@link ApiTool} rows.
 */
@Entity
@Table(name = "api_tool_provider")
public class ApiProvider {

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(nullable = false, length = 2048)
    private String icon;

    @Column(name = "schema_text", nullable = false)
    private String schemaText;

    @Column(name = "schema_url", length = 2048)
    private String schemaUrl;

    @Column(name = "server_url", nullable = false, length = 2048)
    private String serverUrl;

    @Column(name = "encrypted_credentials", nullable = false)
    private String encryptedCredentials;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ApiProvider() {
    }

    public ApiProvider(UUID workspaceId, String name, String icon, String schemaText, String schemaUrl, String serverUrl,
                       String encryptedCredentials) {
        this.id = UUID.randomUUID();
        this.workspaceId = workspaceId;
        this.createdAt = Timestamps.now();
        replace(name, icon, schemaText, schemaUrl, serverUrl, encryptedCredentials);
        this.updatedAt = createdAt;
    }

    public final void replace(String newName, String newIcon, String newSchemaText, String newSchemaUrl,
                              String newServerUrl, String newEncryptedCredentials) {
        this.name = newName;
        this.icon = newIcon;
        this.schemaText = newSchemaText;
        this.schemaUrl = newSchemaUrl;
        this.serverUrl = newServerUrl;
        this.encryptedCredentials = newEncryptedCredentials;
        this.updatedAt = Timestamps.now();
    }

    public UUID id() {
        return id;
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    public String name() {
        return name;
    }

    public String icon() {
        return icon;
    }

    public String schemaText() {
        return schemaText;
    }

    public String schemaUrl() {
        return schemaUrl;
    }

    public String serverUrl() {
        return serverUrl;
    }

    public String encryptedCredentials() {
        return encryptedCredentials;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public String toString() {
        return "ApiProvider[" + id + ", " + name + ", credentials=****]";
    }
}
