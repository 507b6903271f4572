package io.llmops.app.control;

import io.llmops.platform.error.ApiException;
import io.llmops.platform.error.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

/**
 * Edits a draft config. A patch is an RFC 7396 JSON Merge Patch over the current draft: the keys it
 * names replace theirs, nested objects merge key by key, arrays are replaced whole, and {@code null}
 * resets a key to its default ({@code "model_config": null} un-configures the model). The whole
 * resulting config is then validated, so a patch never leaves an invalid draft behind.
 */
public final class AppConfigEditor {

    private final AppConfigValidator validator;

    public AppConfigEditor(AppConfigValidator validator) {
        this.validator = validator;
    }

    /** The draft after the patch (a JSON object in text form); 400 with every field error when invalid. */
    public AppConfig patch(AppConfig draft, String patchText) {
        JsonObject merged = merge(draft.toJsonObject(), parseObject(patchText));
        requireValid(validator.validate(merged));
        return AppConfig.fromJson(merged.toString());
    }

    /** Re-checks a stored config (the catalogue may have changed since it was saved); 400 when invalid. */
    public void check(AppConfig config) {
        requireValid(validator.validate(config.toJsonObject()));
    }

    public static JsonObject merge(JsonObject target, JsonObject patch) {
        return Json.createMergePatch(patch).apply(target).asJsonObject();
    }

    static JsonObject parseObject(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.invalidField("body", "is required");
        }
        JsonValue value;
        try (var reader = Json.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw malformed();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw malformed();
        }
        return value.asJsonObject();
    }

    private static void requireValid(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ApiException(400, "validation_failed", "The app config has invalid fields", errors, Map.of());
        }
    }

    private static ApiException malformed() {
        return ApiException.badRequest("malformed_json", "The request body must be a JSON object");
    }
}
