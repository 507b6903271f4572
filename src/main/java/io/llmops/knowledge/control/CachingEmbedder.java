package io.llmops.knowledge.control;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeds texts in batches through the cache: duplicates within a call and texts embedded before (by
 * the same model id) cost nothing; the rest go to the model {@code batchSize} at a time. One cache
 * lookup and one cache write per call.
 */
public final class CachingEmbedder {

    public static final int DEFAULT_BATCH_SIZE = 32;

    private final EmbeddingModel model;
    private final String modelId;
    private final EmbeddingCache cache;
    private final int batchSize;

    /**
     * @param modelId identifies the model and its settings (e.g. "openai:text-embedding-3-small:1536"):
     *                two models must never share an id, or one's vectors are served for the other
     */
    public CachingEmbedder(EmbeddingModel model, String modelId, EmbeddingCache cache, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        this.model = model;
        this.modelId = modelId;
        this.cache = cache;
        this.batchSize = batchSize;
    }

    public String modelId() {
        return modelId;
    }

    /** One vector per text, in the order given. */
    public List<float[]> embedAll(List<String> texts) {
        List<String> hashes = texts.stream().map(EmbeddingCache::contentHash).toList();
        Map<String, float[]> vectors = new LinkedHashMap<>(cache.getAll(modelId, hashes));
        Map<String, String> missing = new LinkedHashMap<>(); // hash -> text, first occurrence wins
        for (int i = 0; i < texts.size(); i++) {
            if (!vectors.containsKey(hashes.get(i))) {
                missing.putIfAbsent(hashes.get(i), texts.get(i));
            }
        }
        List<Map.Entry<String, String>> todo = new ArrayList<>(missing.entrySet());
        Map<String, float[]> fresh = new LinkedHashMap<>();
        for (int from = 0; from < todo.size(); from += batchSize) {
            List<Map.Entry<String, String>> batch = todo.subList(from, Math.min(from + batchSize, todo.size()));
            List<Embedding> embedded = model.embedAll(batch.stream().map(e -> TextSegment.from(e.getValue())).toList()).content();
            if (embedded.size() != batch.size()) {
                throw new IllegalStateException("the embedding model answered " + embedded.size() + " vectors for " + batch.size() + " texts");
            }
            for (int i = 0; i < batch.size(); i++) {
                fresh.put(batch.get(i).getKey(), embedded.get(i).vector());
            }
        }
        if (!fresh.isEmpty()) {
            cache.putAll(modelId, fresh);
            vectors.putAll(fresh);
        }
        return hashes.stream().map(vectors::get).toList();
    }

    public float[] embed(String text) {
        return embedAll(List.of(text)).getFirst();
    }
}
