package io.llmops.knowledge.control;

import java.util.Optional;

/**
 * The embedding models a dataset may choose. Only the local in-process model exists so far; OpenAI
 * and Azure embeddings (with a workspace's credentials) are still to be built, so they are refused
 * rather than accepted and failing at the first segment.
 */
public final class EmbeddingModels {

    public static final String LOCAL_PROVIDER = "local";
    public static final String LOCAL_MODEL = "all-minilm-l6-v2-q";

    private EmbeddingModels() {
    }

    /** The model id (cache key, see {@link CachingEmbedder}) of a provider's model, if it can be used. */
    public static Optional<String> modelId(String provider, String model) {
        if (LOCAL_PROVIDER.equals(provider) && LOCAL_MODEL.equals(model)) {
            return Optional.of(LocalEmbedding.MODEL_ID);
        }
        return Optional.empty();
    }

    /** Why {@link #modelId} refused: for the 400 answer. */
    public static String refusal(String provider, String model) {
        return "unknown or unconfigured embedding model " + provider + "/" + model + "; available: "
                + LOCAL_PROVIDER + "/" + LOCAL_MODEL;
    }
}
