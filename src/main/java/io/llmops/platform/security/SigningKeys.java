package io.llmops.platform.security;

import io.llmops.platform.crypto.SecretStrength.WeakSecretException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA pair that signs access tokens (private, ours only) and verifies them (public, used by
 * {@link BearerTokens}). Refuses a missing, short (&lt; 2048 bits) or
 * mismatched pair. PEM with or without its BEGIN/END lines is accepted.
 */
public record SigningKeys(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {

    public static final int MIN_BITS = 2048;

    public static SigningKeys fromPem(String privatePem, String publicPem) {
        if (privatePem == null || privatePem.isBlank()) {
            throw new WeakSecretException("LLMOPS_JWT_PRIVATE_KEY is not set (PKCS#8 PEM of an RSA key of at least 2048 bits)");
        }
        if (publicPem == null || publicPem.isBlank()) {
            throw new WeakSecretException("LLMOPS_JWT_PUBLIC_KEY is not set (X.509 PEM of the signing key's public half)");
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            var privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem)));
            var publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(der(publicPem)));
            if (publicKey.getModulus().bitLength() < MIN_BITS) {
                throw new WeakSecretException("LLMOPS_JWT_PRIVATE_KEY must be an RSA key of at least 2048 bits");
            }
            if (!privateKey.getModulus().equals(publicKey.getModulus()) || !signsFor(privateKey, publicKey)) {
                throw new WeakSecretException("LLMOPS_JWT_PUBLIC_KEY does not belong to LLMOPS_JWT_PRIVATE_KEY");
            }
            return new SigningKeys(privateKey, publicKey);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new WeakSecretException("LLMOPS_JWT_PRIVATE_KEY / LLMOPS_JWT_PUBLIC_KEY are not a valid RSA key pair in PEM");
        }
    }

    private static boolean signsFor(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) throws GeneralSecurityException {
        byte[] probe = "llmops-key-check".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(probe);
        return verifier.verify(signature);
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    @Override
    public String toString() {
        return "SigningKeys[RSA-" + publicKey.getModulus().bitLength() + ", private=****]";
    }
}
