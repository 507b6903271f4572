package io.llmops.knowledge.control;

import io.llmops.platform.error.ApiException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An upload copied to a temporary file while it streams in: counted (never more than the cap plus
 * one byte is read) and hashed on the way. Closing deletes the file.
 */
public record Spool(Path file, long size, String sha256) implements AutoCloseable {

    /**
     * @throws ApiException 413 payload_too_large past {@code maxBytes} (the partial file is removed)
     */
    public static Spool of(InputStream in, long maxBytes, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "upload-", ".part");
        try {
            MessageDigest digest = newDigest();
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(file)) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    size += read;
                    if (size > maxBytes) {
                        throw tooLarge(maxBytes);
                    }
                    digest.update(buffer, 0, read);
                    out.write(buffer, 0, read);
                }
            }
            return new Spool(file, size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    public static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "payload_too_large", "The file is larger than " + maxBytes + " bytes");
    }

    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }

    private static MessageDigest newDigest() {
        return io.llmops.platform.crypto.Hashes.sha256();
    }
}
