package io.llmops.knowledge.control;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An unbounded {@link EmbeddingCache} in memory: for tests and a single process's lifetime. */
public final class InMemoryEmbeddingCache implements EmbeddingCache {

    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    @Override
    public Map<String, float[]> getAll(String modelId, Collection<String> contentHashes) {
        Map<String, float[]> found = new HashMap<>();
        for (String hash : contentHashes) {
            float[] vector = vectors.get(key(modelId, hash));
            if (vector != null) {
                found.put(hash, vector.clone());
            }
        }
        return found;
    }

    @Override
    public void putAll(String modelId, Map<String, float[]> vectorsByContentHash) {
        vectorsByContentHash.forEach((hash, vector) -> vectors.put(key(modelId, hash), vector.clone()));
    }

    public int size() {
        return vectors.size();
    }

    private static String key(String modelId, String hash) {
        return modelId + '\u0000' + hash;
    }
}
