package io.llmops.tool.control.builtin;

import io.llmops.platform.json.JsonbProvider;
import jakarta.json.bind.JsonbException;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tool call's arguments checked against the tool's parameters: the model's JSON, over which fixed
 * values from the app config win, then defaults; required ones present, enums respected, numbers
 * clamped to their bounds (a model asking for 50 results gets the maximum, not an error).
 */
public final class ToolArguments {

    private final Map<String, Object> values;

    private ToolArguments(Map<String, Object> values) {
        this.values = values;
    }

    public static ToolArguments of(BuiltinToolSpec tool, String argumentsJson, Map<String, ?> fixed) {
        Map<String, Object> given = new LinkedHashMap<>();
        if (argumentsJson != null && !argumentsJson.isBlank()) {
            try {
                Object parsed = JsonbProvider.shared().fromJson(argumentsJson, Object.class);
                if (!(parsed instanceof Map<?, ?> map)) {
                    throw new IllegalArgumentException("arguments must be a JSON object");
                }
                map.forEach((k, v) -> given.put(String.valueOf(k), v));
            } catch (JsonbException e) {
                throw new IllegalArgumentException("arguments must be a JSON object");
            }
        }
        if (fixed != null) {
            fixed.forEach((k, v) -> {
                if (v != null) {
                    given.put(k, v);
                }
            });
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (BuiltinToolSpec.Parameter parameter : tool.parameters()) {
            Object value = given.get(parameter.name());
            if (value == null || (value instanceof String s && s.isBlank())) {
                value = parameter.defaultValue();
            }
            if (value == null) {
                if (parameter.required()) {
                    throw new IllegalArgumentException("missing required parameter '" + parameter.name() + "'");
                }
                continue;
            }
            values.put(parameter.name(), coerce(parameter, value));
        }
        return new ToolArguments(values);
    }

    public String string(String name) {
        Object value = values.get(name);
        return value == null ? null : String.valueOf(value).strip();
    }

    public int integer(String name, int fallback) {
        return values.get(name) instanceof Number n ? n.intValue() : fallback;
    }

    private static Object coerce(BuiltinToolSpec.Parameter parameter, Object value) {
        String name = parameter.name();
        return switch (parameter.type()) {
            case "integer", "number" -> {
                BigDecimal number;
                try {
                    number = value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(String.valueOf(value).strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("parameter '" + name + "' must be a number");
                }
                if (parameter.min() != null && number.compareTo(parameter.min()) < 0) {
                    number = parameter.min();
                }
                if (parameter.max() != null && number.compareTo(parameter.max()) > 0) {
                    number = parameter.max();
                }
                yield "integer".equals(parameter.type()) ? (Object) number.intValue() : number;
            }
            case "boolean" -> value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value).strip());
            default -> {
                if (value instanceof Map || value instanceof Iterable) {
                    throw new IllegalArgumentException("parameter '" + name + "' must be a string");
                }
                String text = String.valueOf(value).strip();
                if (parameter.options() != null && !parameter.options().isEmpty() && !parameter.options().contains(text)) {
                    throw new IllegalArgumentException("parameter '" + name + "' must be one of " + String.join(", ", parameter.options()));
                }
                yield text;
            }
        };
    }
}
