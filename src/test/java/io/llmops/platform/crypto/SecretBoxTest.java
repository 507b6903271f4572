package io.llmops.platform.crypto;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private final String key = randomKey(32);
    private final SecretBox box = SecretBox.fromBase64(key);

    @Test
    void decryptReturnsWhatWasEncrypted() {
        String secret = "sk-live-1234 üñíçødé ✓";

        assertThat(box.decrypt(box.encrypt(secret))).isEqualTo(secret);
    }

    @Test
    void emptyPlaintextRoundTrips() {
        assertThat(box.decrypt(box.encrypt(""))).isEmpty();
    }

    @Test
    void sealedValueIsVersionedAndHidesThePlaintext() {
        String sealed = box.encrypt("sk-live-1234");

        assertThat(sealed).startsWith("v1:").doesNotContain("sk-live-1234");
    }

    @Test
    void sameSecretEncryptsDifferentlyEachTime() {
        assertThat(box.encrypt("same")).isNotEqualTo(box.encrypt("same"));
    }

    @Test
    void tamperedCiphertextIsRejected() {
        byte[] raw = Base64.getDecoder().decode(box.encrypt("sk-live-1234").substring(3));
        raw[raw.length - 20] ^= 0x01;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> box.decrypt(tampered))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void tamperedNonceIsRejected() {
        byte[] raw = Base64.getDecoder().decode(box.encrypt("sk-live-1234").substring(3));
        raw[0] ^= 0x01;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> box.decrypt(tampered)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretSealedWithAnotherKeyIsRejected() {
        String sealed = SecretBox.fromBase64(randomKey(32)).encrypt("sk-live-1234");

        assertThatThrownBy(() -> box.decrypt(sealed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be decrypted")
                .hasMessageNotContaining(key);
    }

    @Test
    void valueWithoutVersionPrefixIsRejected() {
        assertThatThrownBy(() -> box.decrypt("plain text")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.decrypt(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void truncatedOrGarbledValueIsRejected() {
        assertThatThrownBy(() -> box.decrypt("v1:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.decrypt("v1:AAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.decrypt("v1:" + randomKey(20))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.decrypt("v1:not base64!")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyLongerThan32BytesIsAccepted() {
        SecretBox longKey = SecretBox.fromBase64(randomKey(64));

        assertThat(longKey.decrypt(longKey.encrypt("x"))).isEqualTo("x");
    }

    @Test
    void weakKeyIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> SecretBox.fromBase64(null))
                .isInstanceOf(SecretStrength.WeakSecretException.class)
                .hasMessageContaining("LLMOPS_SECRET_KEY");
    }

    @Test
    void toStringMasksTheKey() {
        assertThat(box.toString()).contains("****").doesNotContain(key);
    }
}
