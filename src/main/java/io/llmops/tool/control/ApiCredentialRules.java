package io.llmops.tool.control;

import io.llmops.platform.error.FieldError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What headers and auth an API tool provider may carry: HTTP header names (not the ones the HTTP
 * client owns), values without control characters, bounded sizes, and an auth type with the name
 * and value it needs.
 */
public final class ApiCredentialRules {

    static final int MAX_HEADERS = 20;
    static final int MAX_VALUE = 4096;
    private static final Pattern TOKEN = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$");
    private static final Set<String> RESERVED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection");

    private ApiCredentialRules() {
    }

    public static List<FieldError> check(ApiCredentials credentials) {
        List<FieldError> errors = new ArrayList<>();
        if (credentials.headers().size() > MAX_HEADERS) {
            errors.add(new FieldError("headers", "must be at most " + MAX_HEADERS + " headers"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < credentials.headers().size(); i++) {
            ApiCredentials.Header header = credentials.headers().get(i);
            String at = "headers[" + i + "]";
            headerName(at + ".key", header.key(), errors);
            if (header.key() != null && !seen.add(header.key().toLowerCase(Locale.ROOT))) {
                errors.add(new FieldError(at + ".key", "is given twice"));
            }
            value(at + ".value", header.value(), errors);
        }
        ApiCredentials.Auth auth = credentials.auth();
        if (!ApiCredentials.AUTH_TYPES.contains(auth.type())) {
            errors.add(new FieldError("auth.type", "must be one of " + String.join(", ", ApiCredentials.AUTH_TYPES)));
        } else if (!auth.type().equals("none")) {
            if (auth.type().equals("api_key_header")) {
                headerName("auth.name", auth.name(), errors);
            } else if (auth.type().equals("api_key_query") && (auth.name() == null || auth.name().isBlank()
                    || auth.name().length() > 128)) {
                errors.add(new FieldError("auth.name", "must be the query parameter name (1 to 128 characters)"));
            }
            value("auth.value", auth.value(), errors);
        }
        return errors;
    }

    private static void headerName(String field, String name, List<FieldError> errors) {
        if (name == null || !TOKEN.matcher(name).matches()) {
            errors.add(new FieldError(field, "must be an HTTP header name"));
        } else if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            errors.add(new FieldError(field, "is set by the HTTP client and cannot be configured"));
        }
    }

    private static void value(String field, String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > MAX_VALUE) {
            errors.add(new FieldError(field, "must be at most " + MAX_VALUE + " characters"));
        } else if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
    }
}
