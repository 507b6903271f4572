package io.llmops.model.control;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;

import java.util.List;
import java.util.Set;

/**
 * A {@link ChatModel} that tries a failed call again while {@link ModelErrors} calls the failure
 * retriable and the {@link RetryPolicy} allows, then throws the API's {@code model_error}. The
 * LangChain4j model inside is built with its own retries off, so this is the only retry policy.
 */
final class RetryingChatModel implements ChatModel {

    private final ChatModel delegate;
    private final RetryPolicy policy;
    private final String target;

    RetryingChatModel(ChatModel delegate, RetryPolicy policy, String target) {
        this.delegate = delegate;
        this.policy = policy;
        this.target = target;
    }

    @Override
    public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        return policy.call(target, () -> delegate.chat(request, options));
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return delegate.listeners();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    @Override
    public String toString() {
        return "RetryingChatModel[" + target + ", " + policy + "]";
    }
}
