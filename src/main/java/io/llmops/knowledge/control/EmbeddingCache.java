package io.llmops.knowledge.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;

/**
 * Vectors already computed, keyed by embedding model id and the SHA-256 of the exact text embedded,
 * so identical text is never embedded twice by the same model (re-ingestion, retries, duplicates).
 */
public interface EmbeddingCache {

    /** The cached vectors among {@code contentHashes}; missing ones are absent from the map. */
    Map<String, float[]> getAll(String modelId, Collection<String> contentHashes);

    void putAll(String modelId, Map<String, float[]> vectorsByContentHash);

    /** Lower-case hex SHA-256 of the UTF-8 text. */
    static String contentHash(String text) {
        return io.llmops.platform.crypto.Hashes.sha256Hex(text);
    }
}
