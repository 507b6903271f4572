package io.llmops.platform.crypto;

import io.llmops.platform.crypto.SecretStrength.WeakSecretException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretStrengthTest {

    private static final String SETTING = "LLMOPS_SECRET_KEY";

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void strongKeyIsDecoded() {
        String key = SecretBoxTest.randomKey(32);

        assertThat(SecretStrength.requireStrongKey(SETTING, key)).isEqualTo(Base64.getDecoder().decode(key));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        String key = SecretBoxTest.randomKey(32);

        assertThat(SecretStrength.requireStrongKey(SETTING, "  " + key + "\n")).hasSize(32);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n"})
    void missingKeyIsRefused(String value) {
        assertThatThrownBy(() -> SecretStrength.requireStrongKey(SETTING, value))
                .isInstanceOf(WeakSecretException.class)
                .hasMessageContaining(SETTING)
                .hasMessageContaining("not set");
    }

    @Test
    void shortKeyIsRefusedWithoutEchoingIt() {
        String key = SecretBoxTest.randomKey(31);

        assertThatThrownBy(() -> SecretStrength.requireStrongKey(SETTING, key))
                .isInstanceOf(WeakSecretException.class)
                .hasMessageContaining(SETTING)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining(key);
    }

    @Test
    void nonBase64KeyIsRefusedWithoutEchoingIt() {
        String key = "this-is-my-super-secret-password-that-is-long!";

        assertThatThrownBy(() -> SecretStrength.requireStrongKey(SETTING, key))
                .isInstanceOf(WeakSecretException.class)
                .hasMessageContaining(SETTING)
                .hasMessageContaining("base64")
                .hasMessageNotContaining(key);
    }

    @Test
    void allZeroKeyIsRefusedAsNotRandom() {
        String key = base64(new byte[32]);

        assertThatThrownBy(() -> SecretStrength.requireStrongKey(SETTING, key))
                .isInstanceOf(WeakSecretException.class)
                .hasMessageContaining(SETTING)
                .hasMessageContaining("not random enough")
                .hasMessageNotContaining(key);
    }

    @Test
    void keyWithFewDistinctBytesIsRefused() {
        byte[] raw = new byte[48];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i % 7);
        }

        assertThatThrownBy(() -> SecretStrength.requireStrongKey(SETTING, base64(raw)))
                .isInstanceOf(WeakSecretException.class)
                .hasMessageContaining("not random enough");
    }

    @Test
    void messageNamesWhicheverSettingWasChecked() {
        assertThatThrownBy(() -> SecretStrength.requireStrongKey("OTHER_SETTING", null))
                .hasMessageStartingWith("OTHER_SETTING");
    }
}
