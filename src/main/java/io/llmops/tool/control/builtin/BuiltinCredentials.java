package io.llmops.tool.control.builtin;

import io.llmops.model.control.CredentialFields;
import io.llmops.platform.error.FieldError;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules a built-in provider's credentials document follows: only the provider's fields,
 * required ones present, bounded strings, base URLs http(s); and how they are shown (secret values
 * masked the way model provider credentials are).
 */
public final class BuiltinCredentials {

    private BuiltinCredentials() {
    }

    public static List<FieldError> check(BuiltinProviderSpec provider, Map<String, ?> document) {
        List<FieldError> errors = new ArrayList<>();
        document.forEach((name, value) -> {
            if (provider.credentialFields().stream().noneMatch(f -> f.name().equals(name))) {
                errors.add(new FieldError(name, "is not a credential field of " + provider.name()));
            } else if (value != null && !(value instanceof String)) {
                errors.add(new FieldError(name, "must be a string"));
            } else if (value != null && ((String) value).length() > CredentialFields.MAX_VALUE_LENGTH) {
                errors.add(new FieldError(name, "must be at most " + CredentialFields.MAX_VALUE_LENGTH + " characters"));
            } else if (value != null && ((String) value).chars().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError(name, "must not contain control characters"));
            } else if ("base_url".equals(name) && value != null && !((String) value).isBlank() && !isHttpUrl((String) value)) {
                errors.add(new FieldError(name, "must be an http(s) URL"));
            }
        });
        for (BuiltinProviderSpec.CredentialField field : provider.credentialFields()) {
            Object value = document.get(field.name());
            if (field.required() && (value == null || (value instanceof String s && s.isBlank()))) {
                errors.add(new FieldError(field.name(), "is required"));
            }
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }

    /** The provider's fields of a document as stripped strings, blank ones left out. */
    public static Map<String, String> values(BuiltinProviderSpec provider, Map<String, ?> document) {
        Map<String, String> values = new LinkedHashMap<>();
        for (BuiltinProviderSpec.CredentialField field : provider.credentialFields()) {
            if (document.get(field.name()) instanceof String value && !value.isBlank()) {
                values.put(field.name(), value.strip());
            }
        }
        return values;
    }

    public static Map<String, String> masked(BuiltinProviderSpec provider, Map<String, String> values) {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((name, value) -> shown.put(name, provider.credentialFields().stream()
                .anyMatch(f -> f.name().equals(name) && f.secret()) ? CredentialFields.mask(value) : value));
        return shown;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
