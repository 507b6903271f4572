package io.llmops.tool.boundary;

import io.llmops.tool.control.ApiParameter;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the API tools endpoints (snake_case on the wire). */
public final class ApiToolDtos {

    private ApiToolDtos() {
    }

    static final String NAME_RULE = "must be 1 to 64 characters";

    public record ValidateRequest(@NotNull(message = "is required") String openapiSchema) {
    }

    public record HeaderEntry(String key, String value) {
    }

    /** @param type none, api_key_header, api_key_query or bearer; name is the header or query parameter of an API key */
    public record AuthEntry(String type, String name, String value) {
    }

    /** Exactly one of {@code openapi_schema} (JSON or YAML text) and {@code schema_url}. */
    public record ProviderRequest(
            @NotBlank(message = NAME_RULE) @Size(max = 64, message = NAME_RULE) String name,
            @Size(max = 2048, message = "must be at most 2048 characters") String icon,
            String openapiSchema,
            @Size(max = 2048, message = "must be at most 2048 characters") String schemaUrl,
            @Size(max = 20, message = "must be at most 20 headers") List<@Valid @NotNull(message = "must be an object") HeaderEntry> headers,
            @Valid AuthEntry auth) {
    }

    /** One tool: {@code url} is the server URL joined with the path template. */
    public record ToolView(String name, String description, String method, String path, String url,
                           List<ApiParameter> parameters) {
    }

    /** What an import would create. */
    public record ValidationView(String serverUrl, List<ToolView> tools, List<String> warnings) {
    }

    /** A provider; header values and the auth value are masked, {@code openapi_schema} only in the single view. */
    public record ProviderView(UUID id, String name, String icon, @JsonbNillable String schemaUrl, String serverUrl,
                               String openapiSchema, List<HeaderEntry> headers, AuthEntry auth, List<ToolView> tools,
                               Instant createdAt, Instant updatedAt) {
    }
}
