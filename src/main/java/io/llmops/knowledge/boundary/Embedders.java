package io.llmops.knowledge.boundary;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.llmops.knowledge.control.CachingEmbedder;
import io.llmops.knowledge.control.LocalEmbedding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The embedding model behind a dataset's model id: segments go through the database cache
 * ({@link CachingEmbedder}), queries straight to the model (caching every query would fill the cache
 * with one-off texts).
 */
@ApplicationScoped
public class Embedders {

    @Inject
    DatabaseEmbeddingCache cache;

    public CachingEmbedder forSegments(String modelId) {
        return new CachingEmbedder(model(modelId), modelId, cache, CachingEmbedder.DEFAULT_BATCH_SIZE);
    }

    public float[] embedQuery(String modelId, String text) {
        return model(modelId).embed(text).content().vector();
    }

    private static EmbeddingModel model(String modelId) {
        if (LocalEmbedding.MODEL_ID.equals(modelId)) {
            return LocalEmbedding.model();
        }
        throw new IllegalStateException("no embedding model " + modelId + " in this server");
    }
}
