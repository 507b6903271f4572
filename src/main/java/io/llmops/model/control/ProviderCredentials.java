package io.llmops.model.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The credential values a workspace stored for one provider ({@code api_key}, {@code base_url},
 * {@code api_version}, {@code deployment}…), in plain text in memory only. {@code toString} masks
 * the secret ones.
 */
public final class ProviderCredentials {

    public static final String API_KEY = "api_key";
    public static final String BASE_URL = "base_url";
    public static final String API_VERSION = "api_version";
    public static final String DEPLOYMENT = "deployment";

    private final Map<String, String> values;
    private final Set<String> secretFields;

    public ProviderCredentials(Map<String, String> values, Set<String> secretFields) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                copy.put(k, v.strip());
            }
        });
        this.values = Collections.unmodifiableMap(copy);
        this.secretFields = Set.copyOf(secretFields);
    }

    /** Credentials of a provider that needs none (its defaults apply). */
    public static ProviderCredentials none() {
        return new ProviderCredentials(Map.of(), Set.of());
    }

    public static ProviderCredentials of(ProviderSpec provider, Map<String, String> values) {
        Set<String> secret = new TreeSet<>();
        provider.credentialFields().stream().filter(ProviderSpec.CredentialField::secret)
                .forEach(f -> secret.add(f.name()));
        return new ProviderCredentials(values, secret);
    }

    public String get(String field) {
        return values.get(field);
    }

    public String apiKey() {
        return values.get(API_KEY);
    }

    public String baseUrl() {
        return values.get(BASE_URL);
    }

    public String apiVersion() {
        return values.get(API_VERSION);
    }

    public String deployment() {
        return values.get(DEPLOYMENT);
    }

    /** Every value, unmasked: for encryption and model building only. */
    public Map<String, String> values() {
        return values;
    }

    /** Every value as shown to users: secret ones masked. */
    public Map<String, String> masked() {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, secretFields.contains(k) ? CredentialFields.mask(v) : v));
        return shown;
    }

    @Override
    public String toString() {
        return "ProviderCredentials" + masked();
    }
}
