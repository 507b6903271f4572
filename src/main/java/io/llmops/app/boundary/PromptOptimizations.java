package io.llmops.app.boundary;

import dev.langchain4j.model.chat.StreamingChatModel;
import io.llmops.agent.control.AgentEvents;
import io.llmops.agent.control.AgentLoop;
import io.llmops.agent.control.AgentResult;
import io.llmops.agent.control.AgentThought;
import io.llmops.agent.control.PromptOptimizer;
import io.llmops.app.control.AppConfig;
import io.llmops.model.boundary.Models;
import io.llmops.model.control.ModelSpec;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.error.FieldError;
import io.llmops.platform.web.SseWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * "Optimize my prompt": the app's draft model rewrites a prompt with {@link PromptOptimizer}'s
 * meta-prompt, streamed as {@code message} deltas ending with {@code message_end} (or {@code error}).
 * Nothing is stored. Everything that can be refused is checked before the first byte.
 */
@ApplicationScoped
public class PromptOptimizations {

    private static final Logger LOG = Logger.getLogger(PromptOptimizations.class.getName());
    /** A rewritten prompt is usually longer than the original; the app's answer length could cut it short. */
    static final BigDecimal MIN_ANSWER_TOKENS = BigDecimal.valueOf(4096);

    @Inject
    AppConfigs configs;

    @Inject
    Models models;

    @Inject
    @ConfigProperty(name = "llmops.chat.ping-interval-seconds", defaultValue = "10")
    int pingSeconds;

    /** A rewrite ready to stream. */
    public record Prepared(String prompt, StreamingChatModel model, ModelSpec spec) {
    }

    public Prepared prepare(UUID workspaceId, OptimizePromptRequest request) {
        if (request.appId() == null) {
            throw new ApiException(400, "model_required", "Name the app whose model should optimize the prompt",
                    List.of(new FieldError("app_id", "is required: the app's draft model rewrites the prompt")), Map.of());
        }
        AppConfig config = configs.draft(workspaceId, UUID.fromString(request.appId()));
        if (!config.hasModel()) {
            throw ApiException.badRequest("app_not_configured", "Choose a model in the app's draft config first");
        }
        AppConfig.ModelConfig modelConfig = config.modelConfig();
        ModelSpec spec = models.model(modelConfig.provider(), modelConfig.model());
        Map<String, Object> parameters = new LinkedHashMap<>(modelConfig.parameters());
        spec.parameterRules().stream().filter(rule -> rule.name().equals("max_tokens") && rule.max() != null)
                .findFirst().ifPresent(rule -> {
                    BigDecimal room = rule.max().min(MIN_ANSWER_TOKENS);
                    BigDecimal current = spec.withDefaults(parameters).get("max_tokens");
                    if (current == null || current.compareTo(room) < 0) {
                        parameters.put("max_tokens", room);
                    }
                });
        StreamingChatModel model = models.streamingChatModel(workspaceId, modelConfig.provider(), modelConfig.model(),
                parameters);
        return new Prepared(request.prompt(), model, spec);
    }

    /** Streams the improved prompt; a client that leaves stops the model call. */
    public void stream(Prepared prepared, OutputStream out) {
        SseWriter sse = new SseWriter(out);
        SseWriter.KeepAlive pinger = sse.keepAlive(pingSeconds);
        long started = System.nanoTime();
        try {
            AgentResult result;
            try {
                result = new AgentLoop(prepared.model()).run(PromptOptimizer.request(prepared.prompt(), sse::isClientGone),
                        new AgentEvents() {
                            @Override
                            public void answer(String delta) {
                                sse.send("message", Map.of("answer", delta));
                            }

                            @Override
                            public void thought(AgentThought thought) {
                            }
                        });
            } catch (RuntimeException e) {
                LOG.warning(() -> "Prompt optimization failed: " + e);
                result = new AgentResult(AgentResult.Status.ERROR, "", List.of(), 0, 0, "The optimization failed unexpectedly");
            }
            if (result.status() == AgentResult.Status.ERROR) {
                sse.send("error", Map.of("code", "model_error", "message", result.error(), "status", 502));
                return;
            }
            Map<String, Object> usage = new LinkedHashMap<>();
            usage.put("prompt_tokens", result.promptTokens());
            usage.put("completion_tokens", result.completionTokens());
            usage.put("total_tokens", result.totalTokens());
            usage.put("total_price", prepared.spec().price(result.promptTokens(), result.completionTokens()));
            if (prepared.spec().pricing() != null) {
                usage.put("currency", prepared.spec().pricing().currency());
            }
            usage.put("latency", (System.nanoTime() - started) / 1_000_000 / 1000.0);
            sse.send("message_end", Map.of("metadata", Map.of("usage", usage)));
        } finally {
            pinger.close();
        }
    }
}
