package io.llmops.platform.security;

import io.llmops.platform.crypto.SecretStrength.WeakSecretException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {

    private static KeyPair rsa2048;

    @BeforeAll
    static void generate() throws GeneralSecurityException {
        rsa2048 = rsa(2048);
    }

    static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String privatePem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    private static String publicPem(KeyPair pair) {
        return pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    @Test
    void rsa2048PairInPemIsAccepted() {
        SigningKeys keys = SigningKeys.fromPem(privatePem(rsa2048), publicPem(rsa2048));

        assertThat(keys.publicKey()).isEqualTo(rsa2048.getPublic());
        assertThat(keys.privateKey()).isEqualTo(rsa2048.getPrivate());
    }

    @Test
    void rsa3072PairIsAccepted() throws GeneralSecurityException {
        KeyPair pair = rsa(3072);

        assertThat(SigningKeys.fromPem(privatePem(pair), publicPem(pair)).publicKey().getModulus().bitLength())
                .isEqualTo(3072);
    }

    @Test
    void pemWithoutBeginEndLinesIsAccepted() {
        String privateBody = Base64.getEncoder().encodeToString(rsa2048.getPrivate().getEncoded());
        String publicBody = Base64.getEncoder().encodeToString(rsa2048.getPublic().getEncoded());

        assertThat(SigningKeys.fromPem(privateBody, publicBody).publicKey()).isEqualTo(rsa2048.getPublic());
    }

    @Test
    void pemWithCrlfLineBreaksIsAccepted() {
        String privateCrlf = privatePem(rsa2048).replace("\n", "\r\n");
        String publicCrlf = publicPem(rsa2048).replace("\n", "\r\n");

        assertThat(SigningKeys.fromPem(privateCrlf, publicCrlf).publicKey()).isEqualTo(rsa2048.getPublic());
    }

    @Test
    void rsa1024PairIsRefusedAsTooShort() throws GeneralSecurityException {
        KeyPair pair = rsa(1024);

        assertThatThrownBy(() -> SigningKeys.fromPem(privatePem(pair), publicPem(pair)))
                .isInstanceOf(WeakSecretException.class)
                .hasMessageContaining("at least 2048 bits");
    }

    @Test
    void mismatchedPairIsRefused() throws GeneralSecurityException {
        KeyPair other = rsa(2048);

        assertThatThrownBy(() -> SigningKeys.fromPem(privatePem(rsa2048), publicPem(other)))
                .isInstanceOf(WeakSecretException.class)
                .hasMessageContaining("does not belong");
    }

    @Test
    void missingPrivateKeyIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> SigningKeys.fromPem(" ", publicPem(rsa2048)))
                .isInstanceOf(WeakSecretException.class)
                .hasMessageContaining("LLMOPS_JWT_PRIVATE_KEY");
    }

    @Test
    void missingPublicKeyIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> SigningKeys.fromPem(privatePem(rsa2048), null))
                .isInstanceOf(WeakSecretException.class)
                .hasMessageContaining("LLMOPS_JWT_PUBLIC_KEY");
    }

    @Test
    void swappedHalvesAreRefused() {
        assertThatThrownBy(() -> SigningKeys.fromPem(publicPem(rsa2048), privatePem(rsa2048)))
                .isInstanceOf(WeakSecretException.class)
                .hasMessageContaining("not a valid RSA key pair");
    }

    @Test
    void garbageIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> SigningKeys.fromPem("not a key at all", "nor this"))
                .isInstanceOf(WeakSecretException.class)
                .hasMessageContaining("not a valid RSA key pair")
                .hasMessageNotContaining("not a key at all");
    }

    @Test
    void nonRsaKeyIsRefused() throws GeneralSecurityException {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        KeyPair pair = ec.generateKeyPair();

        assertThatThrownBy(() -> SigningKeys.fromPem(privatePem(pair), publicPem(pair)))
                .isInstanceOf(WeakSecretException.class);
    }

    @Test
    void toStringShowsSizeButMasksThePrivateKey() {
        SigningKeys keys = SigningKeys.fromPem(privatePem(rsa2048), publicPem(rsa2048));
        String privateBody = Base64.getEncoder().encodeToString(rsa2048.getPrivate().getEncoded());

        assertThat(keys.toString())
                .contains("RSA-2048", "****")
                .doesNotContain(privateBody.substring(40, 80))
                .doesNotContain(keys.privateKey().getPrivateExponent().toString())
                .doesNotContain(keys.privateKey().getPrivateExponent().toString(16));
    }
}
