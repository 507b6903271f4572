package io.llmops.platform.crypto;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/** Refuses missing and guessable secrets, naming the setting but never echoing its value. */
public final class SecretStrength {

    public static final int MIN_KEY_BYTES = 32;

    private SecretStrength() {
    }

    /** @return the decoded key bytes of a strong base64 secret */
    public static byte[] requireStrongKey(String setting, String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new WeakSecretException(setting + " is not set; generate one with: openssl rand -base64 32");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new WeakSecretException(setting + " is not valid base64; generate one with: openssl rand -base64 32");
        }
        if (raw.length < MIN_KEY_BYTES) {
            throw new WeakSecretException(setting + " must decode to at least " + MIN_KEY_BYTES + " bytes");
        }
        Set<Byte> distinct = new HashSet<>();
        for (byte b : raw) {
            distinct.add(b);
        }
        if (distinct.size() < 8) {
            throw new WeakSecretException(setting + " is not random enough; generate one with: openssl rand -base64 32");
        }
        return raw;
    }

    /** A secret that makes the platform refuse to start. */
    public static final class WeakSecretException extends IllegalStateException {
        public WeakSecretException(String message) {
            super(message);
        }
    }
}
