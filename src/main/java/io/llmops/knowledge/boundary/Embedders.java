package io.llmops.knowledge.boundary;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.llmops.knowledge.control.CachingEmbedder;
import io.llmops.knowledge.control.EmbeddingModels;
import io.llmops.knowledge.control.LocalEmbedding;
import io.llmops.knowledge.control.QueryVectors;
import io.llmops.model.boundary.Models;
import io.llmops.model.boundary.Models.WorkspaceEmbeddingModel;
import io.llmops.platform.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * The embedding model behind a dataset's choice ({@link EmbeddingModels}): the local model, or OpenAI's
 * through the workspace's model credentials. Segments go through the database cache
 * ({@link CachingEmbedder}); queries through a small in-memory cache of recent ones ({@link QueryVectors}),
 * not the database's (caching every query there would fill it with one-off texts).
 */
@ApplicationScoped
public class Embedders {

    @Inject
    DatabaseEmbeddingCache cache;

    @Inject
    Models models;

    private final QueryVectors queryVectors = new QueryVectors();

    public CachingEmbedder forSegments(UUID workspaceId, String provider, String model) {
        WorkspaceEmbeddingModel resolved = resolve(workspaceId, provider, model);
        return new CachingEmbedder(resolved.model(), resolved.id(), cache, CachingEmbedder.DEFAULT_BATCH_SIZE);
    }

    /** Through {@link QueryVectors}: a query embedded in the last minutes by the same model is not embedded again. */
    public float[] embedQuery(UUID workspaceId, String provider, String model, String text) {
        WorkspaceEmbeddingModel resolved = resolve(workspaceId, provider, model);
        // per workspace too: whether a text was asked lately must not show through another workspace's latency
        return queryVectors.get(workspaceId + "/" + resolved.id(), text, () -> resolved.model().embed(text).content().vector());
    }

    /** 400 unless the model is one we offer and, for a remote one, the workspace has its provider's credentials. */
    public void requireAvailable(UUID workspaceId, String provider, String model) {
        EmbeddingModels.Choice choice = EmbeddingModels.find(provider, model).orElseThrow(
                () -> ApiException.invalidField("embedding_model", EmbeddingModels.refusal(provider, model)));
        if (!choice.local() && !models.hasCredentials(workspaceId, provider)) {
            throw ApiException.invalidField("embedding_model", "this workspace has no credentials for model provider "
                    + provider + "; store them with PUT /api/model-providers/" + provider + "/credentials first");
        }
    }

    private WorkspaceEmbeddingModel resolve(UUID workspaceId, String provider, String model) {
        EmbeddingModels.Choice choice = EmbeddingModels.find(provider, model)
                .orElseThrow(() -> new IllegalStateException("no embedding model " + provider + "/" + model));
        if (choice.local()) {
            EmbeddingModel local = LocalEmbedding.model();
            return new WorkspaceEmbeddingModel(LocalEmbedding.MODEL_ID, local);
        }
        return models.embeddingModel(workspaceId, provider, model);
    }
}
