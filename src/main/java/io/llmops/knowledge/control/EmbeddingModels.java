package io.llmops.knowledge.control;

import java.util.List;
import java.util.Optional;

/**
 * The embedding models a dataset may choose: the local in-process model (offline, the default) and
 * OpenAI's embedding models, through OpenAI itself or an Azure OpenAI deployment named like the model.
 * The remote ones also need the workspace's credentials for their provider (checked by the caller).
 */
public final class EmbeddingModels {

    public static final String LOCAL_PROVIDER = "local";
    public static final String LOCAL_MODEL = "all-minilm-l6-v2-q";

    /** One choosable model; {@code dimensions} is what its vectors have. */
    public record Choice(String provider, String model, int dimensions) {
        public boolean local() {
            return LOCAL_PROVIDER.equals(provider);
        }
    }

    public static final List<Choice> CHOICES = List.of(
            new Choice(LOCAL_PROVIDER, LOCAL_MODEL, LocalEmbedding.DIMENSIONS),
            new Choice("openai", "text-embedding-3-small", 1536),
            new Choice("openai", "text-embedding-3-large", 3072),
            new Choice("openai", "text-embedding-ada-002", 1536),
            new Choice("azure_openai", "text-embedding-3-small", 1536),
            new Choice("azure_openai", "text-embedding-3-large", 3072),
            new Choice("azure_openai", "text-embedding-ada-002", 1536));

    private EmbeddingModels() {
    }

    public static Optional<Choice> find(String provider, String model) {
        return CHOICES.stream().filter(c -> c.provider().equals(provider) && c.model().equals(model)).findFirst();
    }

    /** Why {@link #find} found nothing: for the 400 answer. */
    public static String refusal(String provider, String model) {
        return "unknown embedding model " + provider + "/" + model + "; available: "
                + String.join(", ", CHOICES.stream().map(c -> c.provider() + "/" + c.model()).toList());
    }
}
