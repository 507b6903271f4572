package io.llmops.platform.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * AES-256-GCM for secrets at rest (provider keys, OAuth tokens, tool credentials). Output is
 * {@code v1:base64(nonce ‖ ciphertext ‖ tag)}; the version prefix leaves room for key rotation.
 * {@code toString} never shows the key.
 */
public final class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretBox(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, "AES");
    }

    /** @param base64Key the configured secret: base64 of at least 32 random bytes (the first 32 are used) */
    public static SecretBox fromBase64(String base64Key) {
        byte[] raw = SecretStrength.requireStrongKey("LLMOPS_SECRET_KEY", base64Key);
        return new SecretBox(Arrays.copyOf(raw, 32));
    }

    public String encrypt(String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public String decrypt(String boxed) {
        if (boxed == null || !boxed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        try {
            byte[] in = Base64.getDecoder().decode(boxed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("secret cannot be decrypted with the configured key");
        }
    }

    @Override
    public String toString() {
        return "SecretBox[key=****]";
    }
}
