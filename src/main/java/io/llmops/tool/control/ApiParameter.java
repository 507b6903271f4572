package io.llmops.tool.control;

import java.util.List;

/**
 * One typed parameter of an API tool, as the model fills it in and the call places it.
 *
 * @param in        where the value goes: {@code path}, {@code query}, {@code header}, {@code body} (a JSON
 *                  body property) or {@code form} (an x-www-form-urlencoded body field)
 * @param type      string, integer, number, boolean, array or object
 * @param itemsType the element type of an array, else null
 * @param enumValues the allowed values, or empty
 * @param defaultValue the spec's default, shown to the model, or null
 */
public record ApiParameter(String name, String in, String type, String itemsType, boolean required,
                           String description, List<Object> enumValues, Object defaultValue) {

    public static final List<String> TYPES = List.of("string", "integer", "number", "boolean", "array", "object");

    public ApiParameter {
        enumValues = enumValues == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(enumValues));
        description = description == null ? "" : description;
    }
}
