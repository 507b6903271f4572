package io.llmops.tool.control.builtin;

import jakarta.json.bind.annotation.JsonbProperty;

import java.math.BigDecimal;
import java.util.List;

/**
 * One built-in tool: its name within the provider, the unique function name the model calls it by,
 * what it does, its typed parameters and what it answers.
 */
public record BuiltinToolSpec(String name, String functionName, String label, String description,
                              List<Parameter> parameters, String output) {

    /**
     * A typed parameter. {@code type} is string, integer, number or boolean; {@code description}
     * is written for the model; {@code min}/{@code max} bound numbers.
     */
    public record Parameter(String name, String label, String type, boolean required,
                            @JsonbProperty("default") Object defaultValue,
                            @JsonbProperty("enum") List<String> options,
                            String description, BigDecimal min, BigDecimal max) {
    }

    public BuiltinToolSpec {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }
}
