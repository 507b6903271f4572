package io.llmops.agent.control;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A streaming model that plays scripted replies on its own thread, as real provider clients do. */
final class ScriptedStreamingModel implements StreamingChatModel {

    sealed interface Reply permits Text, ToolCalls, Failure {
    }

    record Text(List<String> chunks, long delayMillis) implements Reply {
    }

    record ToolCalls(List<ToolExecutionRequest> calls) implements Reply {
    }

    record Failure(String message) implements Reply {
    }

    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    volatile boolean cancelled;
    private final Queue<Reply> script = new ArrayDeque<>();

    ScriptedStreamingModel then(Reply reply) {
        script.add(reply);
        return this;
    }

    static Text text(String... chunks) {
        return new Text(List.of(chunks), 0);
    }

    static ToolCalls call(String id, String tool, String arguments) {
        return new ToolCalls(List.of(ToolExecutionRequest.builder().id(id).name(tool).arguments(arguments).build()));
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        requests.add(request);
        Reply reply = script.poll();
        StreamingHandle handle = new StreamingHandle() {
            @Override
            public void cancel() {
                cancelled = true;
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }
        };
        Thread.ofVirtual().start(() -> play(reply, handler, handle));
    }

    private void play(Reply reply, StreamingChatResponseHandler handler, StreamingHandle handle) {
        TokenUsage usage = new TokenUsage(10, 5);
        switch (reply) {
            case null -> handler.onError(new IllegalStateException("script exhausted"));
            case Failure failure -> handler.onError(new RuntimeException(failure.message()));
            case ToolCalls calls -> handler.onCompleteResponse(ChatResponse.builder()
                    .aiMessage(AiMessage.from(calls.calls())).tokenUsage(usage).build());
            case Text text -> {
                StringBuilder all = new StringBuilder();
                for (String chunk : text.chunks()) {
                    if (handle.isCancelled()) {
                        return;
                    }
                    sleep(text.delayMillis());
                    all.append(chunk);
                    handler.onPartialResponse(new PartialResponse(chunk), new PartialResponseContext(handle));
                }
                handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(all.toString()))
                        .tokenUsage(usage).build());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
