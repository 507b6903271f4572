package io.llmops.app.boundary;

import io.llmops.app.control.AppConfig;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the app API (snake_case on the wire). */
public final class AppDtos {

    private AppDtos() {
    }

    static final String NAME_RULE = "must be 1 to 64 characters";
    static final String UUID_SHAPE = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    /** @param icon an emoji or an http(s) URL; 🤖 when absent */
    public record AppCreate(
            @NotBlank(message = NAME_RULE) @Size(max = 64, message = NAME_RULE) String name,
            @Size(max = 400, message = "must be at most 400 characters") String description,
            @AppIcon String icon) {
    }

    /** Only the fields given change; an empty description clears it. */
    public record AppPatch(
            @Pattern(regexp = "^(?s)\\s*\\S.*$", message = NAME_RULE) @Size(max = 64, message = NAME_RULE) String name,
            @Size(max = 400, message = "must be at most 400 characters") String description,
            @AppIcon String icon) {
    }

    /**
     * An app as the console lists it. {@code opening_statement} and {@code opening_questions} come from
     * the draft config, for the chat UI.
     */
    public record AppView(UUID id, String name, String description, String icon, String status,
                          @JsonbNillable UUID publishedVersionId, @JsonbNillable Integer publishedVersion,
                          String openingStatement, List<String> openingQuestions,
                          UUID createdBy, Instant createdAt, Instant updatedAt) {
    }

    /** A published snapshot of the config. */
    public record VersionView(UUID id, UUID appId, int version, UUID createdBy, Instant createdAt, AppConfig config) {
    }

    public record FallbackRequest(
            @NotNull @Pattern(regexp = UUID_SHAPE, message = "must be a version id") String appConfigVersionId) {
    }
}
