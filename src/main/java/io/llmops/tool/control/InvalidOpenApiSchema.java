package io.llmops.tool.control;

import java.util.List;

/** The text is not an OpenAPI document we can turn into tools; {@link #reasons()} says why, one line each. */
public final class InvalidOpenApiSchema extends RuntimeException {

    private final List<String> reasons;

    public InvalidOpenApiSchema(List<String> reasons) {
        super(String.join("; ", reasons), null, false, false);
        this.reasons = List.copyOf(reasons);
    }

    public InvalidOpenApiSchema(String reason) {
        this(List.of(reason));
    }

    public List<String> reasons() {
        return reasons;
    }
}
