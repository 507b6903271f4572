package io.llmops.app.control;

import io.llmops.platform.error.FieldError;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One JSON object being checked, with its path ({@code review_config.inputs_config}); each check
 * records a field error named by JSON path. A missing key or a JSON null means "use the default"
 * and passes every check.
 */
final class JsonSection {

    private final JsonObject object;
    private final String path;
    private final List<FieldError> errors;

    private JsonSection(JsonObject object, String path, List<FieldError> errors) {
        this.object = object;
        this.path = path;
        this.errors = errors;
    }

    static JsonSection root(JsonObject object, List<FieldError> errors) {
        return new JsonSection(object, "", errors);
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void fail(String key, String message) {
        errors.add(new FieldError(path(key), message));
    }

    void failHere(String message) {
        errors.add(new FieldError(path, message));
    }

    void addAll(Collection<FieldError> more) {
        errors.addAll(more);
    }

    void onlyKeys(Set<String> allowed) {
        object.keySet().stream().filter(key -> !allowed.contains(key)).sorted()
                .forEach(key -> fail(key, "is not a known setting"));
    }

    /** A nested object whose keys must all be among {@code allowed}. */
    Optional<JsonSection> section(String key, Set<String> allowed) {
        return value(key, JsonValue.ValueType.OBJECT, "must be an object").map(v -> {
            JsonSection section = new JsonSection(v.asJsonObject(), path(key), errors);
            section.onlyKeys(allowed);
            return section;
        });
    }

    /** An object whose keys are checked elsewhere. */
    Optional<JsonObject> object(String key) {
        return value(key, JsonValue.ValueType.OBJECT, "must be an object").map(JsonValue::asJsonObject);
    }

    /** {@code {enable: boolean}}. */
    boolean toggle(String key) {
        return section(key, Set.of("enable")).map(s -> s.bool("enable")).orElse(false);
    }

    boolean bool(String key) {
        JsonValue value = object.get(key);
        if (value == null || value == JsonValue.NULL) {
            return false;
        }
        return switch (value.getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            default -> {
                fail(key, "must be true or false");
                yield false;
            }
        };
    }

    Optional<String> string(String key, int maxLength) {
        Optional<String> text = value(key, JsonValue.ValueType.STRING, "must be a string").map(v -> ((JsonString) v).getString());
        if (text.isPresent() && text.get().length() > maxLength) {
            fail(key, "must be at most " + maxLength + " characters");
            return Optional.empty();
        }
        return text;
    }

    Optional<String> requiredString(String key, int maxLength) {
        JsonValue value = object.get(key);
        if (value == null || value == JsonValue.NULL) {
            fail(key, "is required");
            return Optional.empty();
        }
        Optional<String> text = string(key, maxLength);
        if (text.isPresent() && text.get().isBlank()) {
            fail(key, "must not be blank");
            return Optional.empty();
        }
        return text;
    }

    void oneOf(String key, List<String> allowed) {
        JsonValue value = object.get(key);
        if (value != null && value != JsonValue.NULL
                && !(value instanceof JsonString s && allowed.contains(s.getString()))) {
            fail(key, "must be one of " + String.join(", ", allowed));
        }
    }

    void integer(String key, int min, int max) {
        value(key, JsonValue.ValueType.NUMBER, "must be a whole number").map(v -> (JsonNumber) v).ifPresent(number -> {
            if (!number.isIntegral()) {
                fail(key, "must be a whole number");
            } else {
                inRange(key, number.bigDecimalValue(), BigDecimal.valueOf(min), BigDecimal.valueOf(max));
            }
        });
    }

    void number(String key, BigDecimal min, BigDecimal max) {
        value(key, JsonValue.ValueType.NUMBER, "must be a number")
                .ifPresent(v -> inRange(key, ((JsonNumber) v).bigDecimalValue(), min, max));
    }

    Optional<JsonArray> array(String key, int maxItems) {
        Optional<JsonArray> array = value(key, JsonValue.ValueType.ARRAY, "must be an array").map(JsonValue::asJsonArray);
        if (array.isPresent() && array.get().size() > maxItems) {
            fail(key, "must have at most " + maxItems + " items");
            return Optional.empty();
        }
        return array;
    }

    /** An array of non-blank strings; answers the valid ones. */
    List<String> strings(String key, int maxItems, int maxLength) {
        List<String> valid = new ArrayList<>();
        array(key, maxItems).ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                String item = key + "[" + i + "]";
                if (!(items.get(i) instanceof JsonString s)) {
                    fail(item, "must be a string");
                } else if (s.getString().isBlank()) {
                    fail(item, "must not be blank");
                } else if (s.getString().length() > maxLength) {
                    fail(item, "must be at most " + maxLength + " characters");
                } else {
                    valid.add(s.getString());
                }
            }
        });
        return valid;
    }

    private void inRange(String key, BigDecimal number, BigDecimal min, BigDecimal max) {
        if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
            fail(key, "must be between " + min.toPlainString() + " and " + max.toPlainString());
        }
    }

    private Optional<JsonValue> value(String key, JsonValue.ValueType type, String wrongType) {
        JsonValue value = object.get(key);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != type) {
            fail(key, wrongType);
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
