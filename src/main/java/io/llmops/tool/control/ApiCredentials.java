package io.llmops.tool.control;

import io.llmops.platform.crypto.SecretMask;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The secrets an API tool provider sends with every call: fixed headers and one auth scheme. Plain
 * text in memory only (sealed at rest); {@link #masked()} is what users see, {@link #keepMasked}
 * turns an update that echoes masked values back into "keep what is stored".
 */
public record ApiCredentials(List<Header> headers, Auth auth) {

    public static final List<String> AUTH_TYPES = List.of("none", "api_key_header", "api_key_query", "bearer");

    public record Header(String key, String value) {
        @Override
        public String toString() {
            return "Header[" + key + "=" + SecretMask.MASK + "]";
        }
    }

    /** @param name the header or query parameter carrying an API key; null for none and bearer */
    public record Auth(String type, String name, String value) {
        public static final Auth NONE = new Auth("none", null, null);

        @Override
        public String toString() {
            return "Auth[" + type + ", " + name + ", " + SecretMask.MASK + "]";
        }
    }

    public ApiCredentials {
        headers = List.copyOf(headers == null ? List.of() : headers);
        auth = auth == null ? Auth.NONE : auth;
    }

    public ApiCredentials masked() {
        return new ApiCredentials(headers.stream().map(h -> new Header(h.key(), SecretMask.mask(h.value()))).toList(),
                new Auth(auth.type(), auth.name(), auth.value() == null ? null : SecretMask.mask(auth.value())));
    }

    /** These credentials with every value that equals the masked form of {@code stored}'s value (same header key, same auth) replaced by the stored one. */
    public ApiCredentials keepMasked(ApiCredentials stored) {
        List<Header> kept = new ArrayList<>();
        for (Header header : headers) {
            Optional<Header> old = stored.headers().stream().filter(h -> h.key().equalsIgnoreCase(header.key())).findFirst();
            kept.add(old.isPresent() && SecretMask.isMaskOf(header.value(), old.get().value()) ? old.get() : header);
        }
        Auth keptAuth = auth;
        if (auth.value() != null && java.util.Objects.equals(auth.type(), stored.auth().type())
                && SecretMask.isMaskOf(auth.value(), stored.auth().value())) {
            keptAuth = new Auth(auth.type(), auth.name(), stored.auth().value());
        }
        return new ApiCredentials(kept, keptAuth);
    }
}
