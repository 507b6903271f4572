package io.llmops.model.control;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * A {@link StreamingChatModel} that retries a failed stream only while nothing of it reached the
 * caller: once a token, thought or tool-call delta was delivered, a failure goes straight to
 * {@code onError} (as the API's {@code model_error}), because a retry would repeat what the client
 * already has. Retries wait off-thread ({@link CompletableFuture#delayedExecutor}).
 */
final class RetryingStreamingChatModel implements StreamingChatModel {

    private static final Logger LOG = Logger.getLogger(RetryingStreamingChatModel.class.getName());

    private final StreamingChatModel delegate;
    private final RetryPolicy policy;
    private final String target;

    RetryingStreamingChatModel(StreamingChatModel delegate, RetryPolicy policy, String target) {
        this.delegate = delegate;
        this.policy = policy;
        this.target = target;
    }

    @Override
    public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
        new Attempt(request, options, handler, 0).start();
    }

    /** One try of the stream; on an early retriable failure it starts the next one. */
    private final class Attempt implements StreamingChatResponseHandler {
        private final ChatRequest request;
        private final ChatRequestOptions options;
        private final StreamingChatResponseHandler downstream;
        private final int number;
        private final AtomicBoolean delivered = new AtomicBoolean();
        private final AtomicBoolean finished = new AtomicBoolean();

        Attempt(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler downstream, int number) {
            this.request = request;
            this.options = options;
            this.downstream = downstream;
            this.number = number;
        }

        void start() {
            try {
                delegate.chat(request, options, this);
            } catch (RuntimeException e) {
                onError(e);
            }
        }

        @Override
        public void onPartialResponse(String partialResponse) {
            delivered.set(true);
            downstream.onPartialResponse(partialResponse);
        }

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            delivered.set(true);
            downstream.onPartialResponse(partialResponse, context);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking) {
            delivered.set(true);
            downstream.onPartialThinking(partialThinking);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
            delivered.set(true);
            downstream.onPartialThinking(partialThinking, context);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall) {
            delivered.set(true);
            downstream.onPartialToolCall(partialToolCall);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
            delivered.set(true);
            downstream.onPartialToolCall(partialToolCall, context);
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            delivered.set(true);
            downstream.onCompleteToolCall(completeToolCall);
        }

        @Override
        public void onUnmappedRawEvent(Object rawEvent) {
            downstream.onUnmappedRawEvent(rawEvent);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            if (finished.compareAndSet(false, true)) {
                downstream.onCompleteResponse(completeResponse);
            }
        }

        @Override
        public void onError(Throwable error) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            ModelErrors.Failure failure = ModelErrors.classify(error);
            if (delivered.get() || !failure.retriable() || number >= policy.maxRetries()) {
                downstream.onError(ModelErrors.toApiException(error));
                return;
            }
            int retry = number + 1;
            LOG.info(() -> target + ": stream failed before its first token with " + failure.kind() + " ("
                    + failure.status() + "), retry " + retry + " of " + policy.maxRetries());
            CompletableFuture.runAsync(() -> new Attempt(request, options, downstream, retry).start(),
                    CompletableFuture.delayedExecutor(policy.backoff(retry).toMillis(), TimeUnit.MILLISECONDS));
        }
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
        return "RetryingStreamingChatModel[" + target + ", " + policy + "]";
    }
}
