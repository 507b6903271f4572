package io.llmops.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Secrets for the embedded default: an RSA-3072 signing pair and an AES key, generated on first
 * run and kept (owner-only) beside the embedded data, so tokens and encrypted values survive restarts.
 */
public final class LocalSecrets {

    private LocalSecrets() {
    }

    /** The LLMOPS_* variables for the secrets in {@code dir}, generating any that are missing. */
    public static Map<String, String> loadOrCreate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path privatePem = dir.resolve("jwt-private.pem");
        Path publicPem = dir.resolve("jwt-public.pem");
        Path secretKey = dir.resolve("secret.key");
        if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
            KeyPair pair = rsaPair();
            write(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            write(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        if (!Files.exists(secretKey)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            write(secretKey, Base64.getEncoder().encodeToString(key));
        }
        Map<String, String> env = new HashMap<>();
        env.put("LLMOPS_JWT_PRIVATE_KEY", Files.readString(privatePem));
        env.put("LLMOPS_JWT_PUBLIC_KEY", Files.readString(publicPem));
        env.put("LLMOPS_SECRET_KEY", Files.readString(secretKey).strip());
        return env;
    }

    /** A fresh pair and key that live only in memory (tests). */
    public static Map<String, String> ephemeral() {
        KeyPair pair = rsaPair();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Map.of("LLMOPS_JWT_PRIVATE_KEY", pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                "LLMOPS_JWT_PUBLIC_KEY", pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                "LLMOPS_SECRET_KEY", Base64.getEncoder().encodeToString(key));
    }

    static KeyPair rsaPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // nothing to tighten on this file system
        }
    }
}
