package io.llmops.agent.control;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One streamed model call, waited for on the calling (virtual) thread. Deltas pass through the
 * masker to {@code onDelta}; a stop request cancels the stream within ~50 ms, even while the model
 * is silent.
 */
record StreamedStep(AiMessage message, long promptTokens, long completionTokens, boolean stopped, String error) {

    private static final long POLL_MILLIS = 50;

    static StreamedStep run(StreamingChatModel model, ChatRequest request, KeywordMasker masker,
                            Consumer<String> onDelta, BooleanSupplier stopRequested) {
        Handler handler = new Handler(masker, onDelta, stopRequested);
        try {
            model.chat(request, handler);
        } catch (RuntimeException e) {
            return new StreamedStep(null, 0, 0, false, messageOf(e));
        }
        try {
            while (!handler.done.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (stopRequested.getAsBoolean()) {
                    handler.stop();
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handler.stop();
        }
        return handler.outcome();
    }

    static String messageOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static final class Handler implements StreamingChatResponseHandler {
        private final KeywordMasker masker;
        private final Consumer<String> onDelta;
        private final BooleanSupplier stopRequested;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile StreamingHandle handle;
        private volatile boolean stopped;
        private volatile ChatResponse response;
        private volatile String error;

        Handler(KeywordMasker masker, Consumer<String> onDelta, BooleanSupplier stopRequested) {
            this.masker = masker;
            this.onDelta = onDelta;
            this.stopRequested = stopRequested;
        }

        @Override
        public void onPartialResponse(String partial) {
            onPartialResponse(new PartialResponse(partial), null);
        }

        @Override
        public synchronized void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            if (context != null) {
                handle = context.streamingHandle();
            }
            if (stopped || done.getCount() == 0) {
                return;
            }
            if (stopRequested.getAsBoolean()) {
                stop();
                return;
            }
            String safe = masker.push(partial.text() == null ? "" : partial.text());
            if (!safe.isEmpty()) {
                onDelta.accept(safe);
            }
        }

        @Override
        public void onCompleteResponse(ChatResponse completed) {
            response = completed;
            done.countDown();
        }

        @Override
        public void onError(Throwable failure) {
            error = messageOf(failure);
            done.countDown();
        }

        synchronized void stop() {
            stopped = true;
            StreamingHandle current = handle;
            if (current != null && !current.isCancelled()) {
                current.cancel();
            }
            done.countDown();
        }

        StreamedStep outcome() {
            TokenUsage usage = response == null ? null : response.tokenUsage();
            long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
            long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
            if (stopped) {
                return new StreamedStep(null, in, out, true, null);
            }
            if (error != null) {
                return new StreamedStep(null, in, out, false, error);
            }
            return new StreamedStep(response.aiMessage(), in, out, false, null);
        }
    }
}
