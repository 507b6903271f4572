package io.llmops.platform.crypto;

/**
 * How a stored secret is shown when read back: the first 3 and last 4 characters of a value of 12
 * or more, else {@code ****}. An update that sends the masked form back means "keep the stored value".
 */
public final class SecretMask {

    public static final String MASK = "****";

    private SecretMask() {
    }

    public static String mask(String secret) {
        if (secret == null || secret.length() < 12) {
            return MASK;
        }
        return secret.substring(0, 3) + MASK + secret.substring(secret.length() - 4);
    }

    /** True when {@code shown} is exactly what {@link #mask} shows for {@code stored}. */
    public static boolean isMaskOf(String shown, String stored) {
        return stored != null && mask(stored).equals(shown);
    }
}
