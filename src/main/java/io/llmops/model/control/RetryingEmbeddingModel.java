package io.llmops.model.control;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.List;

/** An {@link EmbeddingModel} under the one {@link RetryPolicy}, like {@link RetryingChatModel}. */
final class RetryingEmbeddingModel implements EmbeddingModel {

    private final EmbeddingModel delegate;
    private final RetryPolicy policy;
    private final String target;

    RetryingEmbeddingModel(EmbeddingModel delegate, RetryPolicy policy, String target) {
        this.delegate = delegate;
        this.policy = policy;
        this.target = target;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return policy.call(target, () -> delegate.embedAll(segments));
    }

    @Override
    public String toString() {
        return "RetryingEmbeddingModel[" + target + ", " + policy + "]";
    }
}
