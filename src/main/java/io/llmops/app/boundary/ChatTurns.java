package io.llmops.app.boundary;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.llmops.agent.boundary.StopSignals;
import io.llmops.agent.control.AgentEvents;
import io.llmops.agent.control.AgentLoop;
import io.llmops.agent.control.AgentRequest;
import io.llmops.agent.control.AgentResult;
import io.llmops.agent.control.AgentThought;
import io.llmops.agent.control.AgentTool;
import io.llmops.agent.control.ConversationSummarizer;
import io.llmops.agent.control.KeywordMasker;
import io.llmops.agent.control.MemoryWindow;
import io.llmops.agent.control.ReactLoop;
import io.llmops.agent.control.TokenCounter;
import io.llmops.app.boundary.ChatDtos.BlockingAnswer;
import io.llmops.app.boundary.ChatDtos.ChatRequest;
import io.llmops.app.boundary.ChatDtos.Metadata;
import io.llmops.app.boundary.ChatDtos.Usage;
import io.llmops.app.control.AppConfig;
import io.llmops.app.entity.Conversation;
import io.llmops.app.entity.Message;
import io.llmops.knowledge.boundary.Datasets;
import io.llmops.model.boundary.Models;
import io.llmops.model.control.ModelHttpClient;
import io.llmops.model.control.ModelSpec;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.persistence.Timestamps;
import io.llmops.platform.web.SseWriter;
import io.llmops.tool.boundary.ToolRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One debug-chat turn: everything that can be refused is checked before the first byte (from memory
 * or the database, {@link ChatTurnInputs}); then the agent loop runs (no transaction open) while events
 * stream, and the outcome — normal, stopped or failed — is saved. The message row is inserted once the
 * model request is out (or when first needed); events and the outcome wait for it. Every stream ends with message_end or error.
 * With long-term memory on, a finished turn then updates the conversation summary in the background;
 * the next turn of the same conversation on this instance waits (bounded) for that update.
 */
@ApplicationScoped
public class ChatTurns {

    private static final Logger LOG = Logger.getLogger(ChatTurns.class.getName());
    private static final TokenCounter TOKENS = new TokenCounter();

    @Inject
    ChatTurnInputs turnInputs;

    @Inject
    Models models;

    @Inject
    ChatHistory history;

    @Inject
    TurnInputCache inputCache;

    @Inject
    MessageRows rows;

    @Inject
    ToolRegistry tools;

    @Inject
    StopSignals stops;

    @Inject
    Datasets datasets;

    @Inject
    @ConfigProperty(name = "llmops.chat.ping-interval-seconds", defaultValue = "10")
    int pingSeconds;

    @Inject
    @ConfigProperty(name = "llmops.chat.summary-wait-seconds", defaultValue = "10")
    int summaryWaitSeconds;

    @Resource(lookup = "java:app/concurrent/llmops-virtual")
    ManagedExecutorService executor;

    @Resource
    ContextService contextService;

    /** Runs a task inside the application's container context, captured once (see {@link #start}). */
    private Executor inContainerContext;

    /** Summaries being written, by conversation: the next turn waits for its conversation's. */
    private final ConcurrentMap<UUID, CompletableFuture<Void>> pendingSummaries = new ConcurrentHashMap<>();

    /**
     * A turn ready to run: the model, the request to the agent loop, the ids the events carry, and
     * what long-term memory needs afterwards ({@code summary}: the one this turn's prompt used).
     */
    public record Prepared(UUID workspaceId, Conversation conversation, UUID taskId, Instant createdAt,
                           StreamingChatModel model, ModelSpec spec, AgentRequest agentRequest,
                           AppConfig.ModelConfig modelConfig, boolean longTermMemory, String summary,
                           Message message, MessageInsert stored, KnowledgeSearchTool knowledge) {

        public UUID messageId() {
            return message.id();
        }

        public UUID conversationId() {
            return conversation.id();
        }

        /** Waits for the message row (inserting it here if that has not started); false when it could not be stored. */
        boolean awaitStored() {
            return stored.await();
        }
    }

    /**
     * A turn's message row, inserted once: on a virtual thread of its own as soon as the model request is out
     * ({@link #startAsync}), or by the first thread that needs it ({@link #await}). Before the request is out the
     * insert only competed with it for the CPU; nothing reads the row before the turn's first event (which tells
     * the client the task id to stop) or its outcome, and both wait for it.
     */
    static final class MessageInsert {
        private final AtomicBoolean started = new AtomicBoolean();
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final Runnable insert;

        MessageInsert(Consumer<CompletableFuture<Void>> insert) {
            this.insert = () -> {
                try {
                    insert.accept(done);
                } catch (RuntimeException | Error e) {
                    done.completeExceptionally(e);   // the turn's waits must end, whatever happened
                    throw e;
                }
            };
        }

        void startAsync() {
            if (started.compareAndSet(false, true)) {
                Thread.ofVirtual().name("chat-insert").start(insert);
            }
        }

        boolean await() {
            if (started.compareAndSet(false, true)) {
                insert.run();
            }
            try {
                done.join();
                return true;
            } catch (CompletionException | CancellationException e) {
                return false;
            }
        }
    }

    @PostConstruct
    void captureContainerContext() {
        inContainerContext = contextService.createContextualProxy(new DirectExecutor(), Executor.class);
    }

    /**
     * Runs a turn's work on a new virtual thread, so the request thread goes back to the pool and an open
     * stream pins no platform thread. The thread has the application's class loader (it is started by a
     * request thread) but no container context: the contextual proxy below carries ONE component invocation,
     * and turns running in it at once shared its resource list — Payara's JDBC pool added each turn's
     * connection to that list unsynchronized, and at 50 concurrent streams a connection could not be had
     * (ArrayIndexOutOfBoundsException in registerComponentResource). Handing a response to JAX-RS goes
     * through {@link #inContainer}.
     */
    public void start(Runnable turnWork) {
        Thread.ofVirtual().name("chat-turn").start(turnWork);
    }

    /**
     * Runs {@code work} here, inside the application's container context (naming, class loader), for what
     * hands a response to JAX-RS. The context comes from a contextual proxy made once: a managed executor or
     * thread factory captures it anew for every task, and in Payara that capture scans every jar of the WAR
     * for context providers (bench/README.md). Nothing run in it may take a pooled resource (see {@link #start}).
     */
    public void inContainer(Runnable work) {
        inContainerContext.execute(work);
    }

    private static final class DirectExecutor implements Executor, java.io.Serializable {
        @Override
        public void execute(Runnable task) {
            task.run();
        }
    }

    public Prepared prepare(UUID workspaceId, UUID accountId, UUID appId, ChatRequest request) {
        ChatTurnInputs.Inputs inputs = turnInputs.load(workspaceId, accountId, appId, request.conversationId());
        AppConfig config = inputs.config();
        AppConfig.ModelConfig modelConfig = config.modelConfig();
        ModelSpec spec = inputs.spec();
        Conversation conversation = inputs.conversation();
        List<MemoryWindow.Round> rounds = inputs.rounds();
        boolean longTermMemory = config.longTermMemory().enable();
        String summary = null;
        if (longTermMemory) {
            awaitSummary(conversation.id());
            summary = history.summary(conversation.id());
        }
        String systemPrompt = longTermMemory ? ConversationSummarizer.systemPrompt(config.presetPrompt(), summary)
                : config.presetPrompt();
        int answerRoom = spec.withDefaults(modelConfig.parameters()).getOrDefault("max_tokens", BigDecimal.valueOf(1024)).intValue();
        // 10 % margin: other providers tokenize differently from the BPE we count with
        int budget = (int) (spec.contextSize() * 0.9) - answerRoom - TOKENS.count(systemPrompt) - TOKENS.count(request.query());
        var memory = new MemoryWindow(TOKENS).select(rounds, config.dialogRound(), budget);

        UUID taskId = UUID.randomUUID();
        Message message = new Message(UUID.randomUUID(), taskId, conversation, request.query(), modelConfig.provider(),
                modelConfig.model());
        MessageInsert stored = new MessageInsert(done -> insert(message, conversation, done));
        AppConfig.ReviewConfig review = config.reviewConfig();
        AgentRequest.Review reviewRules = review.enable()
                ? new AgentRequest.Review(review.keywords(), review.inputsConfig().enable(),
                review.inputsConfig().presetResponse(), review.outputsConfig().enable())
                : AgentRequest.Review.NONE;
        List<AgentTool> agentTools = agentTools(workspaceId, config);
        KnowledgeSearchTool knowledge = knowledgeTool(workspaceId, config);
        if (knowledge != null) {
            agentTools.add(knowledge);
        }
        AgentRequest agentRequest = new AgentRequest(systemPrompt, memory, request.query(),
                agentTools, AgentRequest.DEFAULT_MAX_ITERATIONS, reviewRules, stops.watcher(taskId));
        return new Prepared(workspaceId, conversation, taskId, Timestamps.now(), inputs.model(), spec,
                agentRequest, modelConfig, longTermMemory, summary, message, stored, knowledge);
    }

    /** The config's tools the agent may call; an entry that no longer resolves is left out (and logged). */
    private List<AgentTool> agentTools(UUID workspaceId, AppConfig config) {
        List<AgentTool> resolved = new ArrayList<>();
        for (Map<String, Object> entry : config.tools()) {
            tools.resolve(workspaceId, entry).ifPresentOrElse(tool -> resolved.add(new AgentTool() {
                @Override
                public ToolSpecification specification() {
                    return tool.specification();
                }

                @Override
                public String execute(String argumentsJson) throws Exception {
                    return tool.call(argumentsJson);
                }
            }), () -> LOG.warning(() -> "Tool entry no longer resolves and is skipped: " + entry));
        }
        return resolved;
    }

    /** The knowledge_search tool over the config's datasets, or null when it lists none. */
    private KnowledgeSearchTool knowledgeTool(UUID workspaceId, AppConfig config) {
        if (config.datasets().isEmpty()) {
            return null;
        }
        List<UUID> ids = new ArrayList<>();
        for (String id : config.datasets()) {
            try {
                ids.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                LOG.warning(() -> "Dataset id is not a UUID and is skipped: " + id);
            }
        }
        return new KnowledgeSearchTool(datasets, workspaceId, ids, config.retrievalConfig());
    }

    /**
     * Streams the turn as Server-Sent Events, with a ping after {@code pingSeconds} of silence.
     * {@code modelAsked} runs whenever one of the turn's model requests is out ({@link ModelHttpClient#REQUEST_SENT}):
     * the caller acts on the first; a turn that asks no model never runs it.
     */
    public void stream(Prepared turn, OutputStream out, Runnable modelAsked) {
        SseWriter sse = new SseWriter(out);
        SseWriter.Repeated answers = sse.repeated("message", ids(turn, Map.of()), "answer");
        SseWriter.KeepAlive pinger = sse.keepAlive(pingSeconds);
        try {
            AgentEvents events = new AgentEvents() {
                @Override
                public void answer(String delta) {
                    if (turn.awaitStored()) {
                        answers.send(delta);
                    }
                }

                @Override
                public void thought(AgentThought thought) {
                    if (turn.awaitStored()) {
                        sse.send("agent_thought", ids(turn, thoughtFields(thought)));
                    }
                }
            };
            Outcome outcome = run(turn, events, modelAsked);
            if (outcome.result().status() == AgentResult.Status.ERROR) {
                sse.send("error", ids(turn, Map.of("code", outcome.errorCode(), "message", outcome.result().error(),
                        "status", outcome.errorStatus())));
            } else {
                // reserved before message_end goes out, so a client's next turn already finds it pending
                CompletableFuture<Void> summary = reserveSummary(turn, outcome.result());
                try {
                    sse.send("message_end", ids(turn, Map.of("metadata", outcome.metadata())));
                } finally {
                    summarizeLater(turn, outcome.result(), summary);
                }
            }
        } finally {
            pinger.close();
        }
    }

    /** Runs the turn to its end and answers one document; a model failure is a 502 model_error. */
    public BlockingAnswer block(Prepared turn) {
        Outcome outcome = run(turn, AgentEvents.NONE, () -> { });
        if (outcome.result().status() == AgentResult.Status.ERROR) {
            throw new ApiException(outcome.errorStatus(), outcome.errorCode(), outcome.result().error());
        }
        summarizeLater(turn, outcome.result(), reserveSummary(turn, outcome.result()));
        return new BlockingAnswer("message", turn.messageId(), turn.conversationId(), turn.taskId(),
                outcome.result().answer(), outcome.result().status().name().toLowerCase(), outcome.metadata(),
                turn.createdAt());
    }

    /** {@code errorCode} and {@code errorStatus} describe an ERROR result to the client. */
    private record Outcome(AgentResult result, Metadata metadata, String errorCode, int errorStatus) {
        Outcome(AgentResult result, Metadata metadata) {
            this(result, metadata, "model_error", 502);
        }
    }

    /**
     * Runs the turn's agent loop and saves its outcome. Whenever one of its model requests is out
     * ({@link ModelHttpClient#REQUEST_SENT}) the message row's insert starts, then {@code modelAsked} runs.
     */
    private Outcome run(Prepared turn, AgentEvents events, Runnable modelAsked) {
        Runnable asked = () -> {
            turn.stored().startAsync();
            modelAsked.run();
        };
        return ScopedValue.where(ModelHttpClient.REQUEST_SENT, asked).call(() -> runLoop(turn, events));
    }

    private Outcome runLoop(Prepared turn, AgentEvents events) {
        long started = System.nanoTime();
        long[] firstToken = {-1};
        AgentEvents timed = new AgentEvents() {
            @Override
            public void answer(String delta) {
                if (firstToken[0] < 0) {
                    firstToken[0] = (System.nanoTime() - started) / 1_000_000;
                }
                events.answer(delta);
            }

            @Override
            public void thought(AgentThought thought) {
                events.thought(thought);
            }
        };
        AgentResult result;
        try {
            // models without function calling get the ReAct prompt loop instead
            result = turn.spec().supports(ModelSpec.TOOL_CALL)
                    ? new AgentLoop(turn.model()).run(turn.agentRequest(), timed)
                    : new ReactLoop(turn.model()).run(turn.agentRequest(), timed);
        } catch (RuntimeException e) {
            LOG.warning(() -> "Chat turn " + turn.taskId() + " failed: " + e);
            result = new AgentResult(AgentResult.Status.ERROR, "", List.of(), 0, 0, "The turn failed unexpectedly");
        }
        result = withEstimatedUsage(result, turn.agentRequest());
        long latency = (System.nanoTime() - started) / 1_000_000;
        BigDecimal price = turn.spec().price(result.promptTokens(), result.completionTokens());
        String currency = turn.spec().pricing() == null ? null : turn.spec().pricing().currency();
        if (turn.awaitStored()) {
            turn.message().finished(statusOf(result.status()), result.answer(), result.error(),
                    (int) result.promptTokens(), (int) result.completionTokens(), price, currency, latency,
                    firstToken[0] < 0 ? null : firstToken[0]);
            if (!storeOutcome(turn, result.thoughts())) {
                AgentResult unsaved = new AgentResult(AgentResult.Status.ERROR, result.answer(), result.thoughts(),
                        result.promptTokens(), result.completionTokens(), "The answer could not be saved; try again");
                return new Outcome(unsaved, metadata(turn, unsaved, price, currency, latency), "answer_not_saved", 503);
            }
            inputCache.turnFinished(turn.message());
        } else {
            result = new AgentResult(AgentResult.Status.ERROR, "", List.of(), 0, 0, "The turn failed unexpectedly");
        }
        return new Outcome(result, metadata(turn, result, price, currency, latency));
    }

    private static Metadata metadata(Prepared turn, AgentResult result, BigDecimal price, String currency, long latency) {
        Usage usage = new Usage(result.promptTokens(), result.completionTokens(), result.totalTokens(), price, currency,
                latency / 1000.0);
        return new Metadata(usage, turn.knowledge() == null ? List.of() : turn.knowledge().resources());
    }

    private static final int OUTCOME_TRIES = 2;

    /** Saves the outcome, once more after a failure; false (logged) when it could not be saved. */
    private boolean storeOutcome(Prepared turn, List<AgentThought> thoughts) {
        for (int attempt = 1; ; attempt++) {
            try {
                rows.finish(turn.message(), thoughts);
                return true;
            } catch (RuntimeException e) {
                if (attempt == OUTCOME_TRIES) {
                    LOG.log(Level.WARNING, "Outcome of message " + turn.messageId() + " not stored; the turn fails", e);
                    inputCache.conversationChanged(turn.conversation());
                    return false;
                }
                LOG.warning(() -> "Outcome of message " + turn.messageId() + " not stored, trying once more: " + e);
            }
        }
    }

    /** Inserts a turn's message row ({@link MessageInsert}); a failure fails the turn, see {@link Prepared#awaitStored}. */
    private void insert(Message message, Conversation conversation, CompletableFuture<Void> done) {
        try {
            rows.insert(message);
            done.complete(null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Message " + message.id() + " not stored; its turn fails", e);
            inputCache.conversationChanged(conversation);
            done.completeExceptionally(e);
        }
    }

    private static Message.Status statusOf(AgentResult.Status status) {
        return switch (status) {
            case NORMAL -> Message.Status.normal;
            case STOP -> Message.Status.stop;
            case ERROR -> Message.Status.error;
        };
    }

    /** A pending-summary slot when long-term memory should learn from this turn, else null. */
    private CompletableFuture<Void> reserveSummary(Prepared turn, AgentResult result) {
        if (!turn.longTermMemory() || result.status() != AgentResult.Status.NORMAL || caughtByInputReview(turn)) {
            return null;
        }
        CompletableFuture<Void> slot = new CompletableFuture<>();
        pendingSummaries.put(turn.conversationId(), slot);
        return slot;
    }

    /** Updates the summary on a virtual thread; a failure keeps the old summary and is only logged. */
    private void summarizeLater(Prepared turn, AgentResult result, CompletableFuture<Void> slot) {
        if (slot == null) {
            return;
        }
        Runnable release = () -> {
            slot.complete(null);
            pendingSummaries.remove(turn.conversationId(), slot);
        };
        try {
            executor.execute(() -> {
                try {
                    AppConfig.ModelConfig mc = turn.modelConfig();
                    String summary = new ConversationSummarizer(models.chatModel(turn.workspaceId(), mc.provider(),
                            mc.model(), mc.parameters())).summarize(turn.summary(), turn.agentRequest().query(),
                            result.answer());
                    history.saveSummary(turn.conversationId(), summary);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Summary of conversation " + turn.conversationId() + " not updated: " + e);
                } finally {
                    release.run();
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Summary of conversation " + turn.conversationId() + " not scheduled: " + e);
            release.run();
        }
    }

    /** Waits (bounded) for a summary of this conversation still being written, so the turn sees it. */
    private void awaitSummary(UUID conversationId) {
        CompletableFuture<Void> pending = pendingSummaries.get(conversationId);
        if (pending == null) {
            return;
        }
        try {
            pending.get(summaryWaitSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // go on with the summary stored so far
        }
    }

    private static boolean caughtByInputReview(Prepared turn) {
        AgentRequest.Review review = turn.agentRequest().review();
        return review.checkInput() && new KeywordMasker(review.keywords()).matches(turn.agentRequest().query());
    }

    /** Providers that stream without usage still get counted, with our tokenizer. */
    private static AgentResult withEstimatedUsage(AgentResult result, AgentRequest request) {
        if (result.promptTokens() > 0 || result.completionTokens() > 0) {
            return result;
        }
        long prompt = TOKENS.count(request.systemPrompt()) + TOKENS.count(request.query())
                + request.memory().stream().mapToLong(TOKENS::count).sum();
        return new AgentResult(result.status(), result.answer(), result.thoughts(), prompt,
                TOKENS.count(result.answer()), result.error());
    }


    private static Map<String, Object> ids(Prepared turn, Map<String, ?> fields) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", turn.messageId());
        all.put("message_id", turn.messageId());
        all.put("conversation_id", turn.conversationId());
        all.put("task_id", turn.taskId());
        all.put("created_at", turn.createdAt());
        all.putAll(fields);
        return all;
    }

    private static Map<String, Object> thoughtFields(AgentThought thought) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("position", thought.position());
        fields.put("thought", thought.thought());
        fields.put("tool", thought.tool());
        fields.put("tool_input", thought.toolInput());
        fields.put("observation", thought.observation());
        fields.put("latency_ms", thought.latencyMillis());
        return fields;
    }
}
