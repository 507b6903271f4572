package io.llmops.model.control;

import com.azure.ai.openai.OpenAIServiceVersion;
import io.llmops.platform.error.FieldError;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules a credentials document must follow for its provider: only the provider's fields,
 * required ones present, strings of bounded size, base URLs http(s) with a host; and how secret
 * values are shown (first 3 and last 4 characters of a value of 12 or more, else {@code ****}).
 */
public final class CredentialFields {

    public static final int MAX_VALUE_LENGTH = 4096;
    static final String MASK = io.llmops.platform.crypto.SecretMask.MASK;

    /** The Azure OpenAI API versions the Azure SDK (and so azure-open-ai) accepts. */
    static final List<String> AZURE_API_VERSIONS = java.util.Arrays.stream(OpenAIServiceVersion.values())
            .map(OpenAIServiceVersion::getVersion).toList();

    private CredentialFields() {
    }

    /**
     * Field errors of a credentials document ({@code ignored} names, such as {@code validate}, are
     * the request's own switches and not checked here).
     */
    public static List<FieldError> check(ProviderSpec provider, Map<String, ?> document, List<String> ignored) {
        List<FieldError> errors = new ArrayList<>();
        document.forEach((name, value) -> {
            if (ignored.contains(name)) {
                return;
            }
            if (provider.credentialFields().stream().noneMatch(f -> f.name().equals(name))) {
                errors.add(new FieldError(name, "is not a credential field of " + provider.name()));
            } else if (value != null && !(value instanceof String)) {
                errors.add(new FieldError(name, "must be a string"));
            } else if (value != null && ((String) value).length() > MAX_VALUE_LENGTH) {
                errors.add(new FieldError(name, "must be at most " + MAX_VALUE_LENGTH + " characters"));
            } else if (value != null && ((String) value).chars().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError(name, "must not contain control characters"));
            } else if (ProviderCredentials.BASE_URL.equals(name) && !isBlank(value) && !isHttpUrl((String) value)) {
                errors.add(new FieldError(name, "must be an http(s) URL"));
            } else if (ProviderCredentials.API_VERSION.equals(name) && "azure_openai".equals(provider.kind())
                    && !isBlank(value) && !AZURE_API_VERSIONS.contains(((String) value).strip())) {
                errors.add(new FieldError(name, "must be one of " + String.join(", ", AZURE_API_VERSIONS)));
            }
        });
        for (ProviderSpec.CredentialField field : provider.credentialFields()) {
            if (field.required() && isBlank(document.get(field.name()))) {
                errors.add(new FieldError(field.name(), "is required"));
            }
        }
        errors.sort(java.util.Comparator.comparing(FieldError::field));
        return errors;
    }

    /** The credential values of a checked document, as strings. */
    public static Map<String, String> values(ProviderSpec provider, Map<String, ?> document) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ProviderSpec.CredentialField field : provider.credentialFields()) {
            if (document.get(field.name()) instanceof String value && !value.isBlank()) {
                values.put(field.name(), value.strip());
            }
        }
        return values;
    }

    public static String mask(String secret) {
        return io.llmops.platform.crypto.SecretMask.mask(secret);
    }

    static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isBlank()
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isBlank(Object value) {
        return value == null || (value instanceof String s && s.isBlank());
    }
}
