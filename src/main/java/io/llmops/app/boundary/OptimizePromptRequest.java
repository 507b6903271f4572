package io.llmops.app.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/ai/optimize-prompt}.
 *
 * @param appId the app whose draft model rewrites the prompt (required: there is no platform default model)
 */
public record OptimizePromptRequest(
        @NotBlank(message = PROMPT_RULE) @Size(max = 20_000, message = PROMPT_RULE) String prompt,
        @Pattern(regexp = AppDtos.UUID_SHAPE, message = "must be an app id") String appId) {

    static final String PROMPT_RULE = "must be 1 to 20,000 characters";
}
