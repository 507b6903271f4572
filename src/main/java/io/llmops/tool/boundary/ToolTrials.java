package io.llmops.tool.boundary;

import io.llmops.platform.error.ApiException;
import io.llmops.platform.error.ApiExceptions;
import io.llmops.platform.json.JsonbProvider;
import io.llmops.platform.outbound.OutboundBlockedException;
import io.llmops.tool.control.CallableTool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Try-it: runs one tool exactly as the agent would (same registry, same invoker), so what a builder
 * sees here is what the model will see as an observation.
 */
@ApplicationScoped
public class ToolTrials {

    private static final Logger LOG = Logger.getLogger(ToolTrials.class.getName());

    @Inject
    ToolRegistry registry;

    public record Trial(String type, String provider, String tool, Map<String, Object> params,
                        Map<String, Object> credentials) {
    }

    public record Outcome(String type, String provider, String tool, String result, long elapsedMillis) {
    }

    public Outcome run(UUID workspaceId, Trial trial) {
        if (trial.type() == null || trial.type().isBlank()) {
            throw ApiException.invalidField("type", "must be builtin or api");
        }
        if (trial.provider() == null || trial.provider().isBlank()) {
            throw ApiException.invalidField("provider", "must name the tool's provider");
        }
        if (trial.tool() == null || trial.tool().isBlank()) {
            throw ApiException.invalidField("tool", "must name the tool");
        }
        CallableTool tool = registry.resolve(workspaceId, entry(trial))
                .orElseThrow(() -> new ApiException(404, "tool_not_found",
                        "No " + trial.type() + " tool " + trial.provider() + "/" + trial.tool() + " in this workspace"));
        String arguments = JsonbProvider.shared().toJson(trial.params() == null ? Map.of() : trial.params());
        long started = System.nanoTime();
        try {
            String result = tool.call(arguments);
            return new Outcome(trial.type(), trial.provider(), trial.tool(), result,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            throw failure(e);
        }
    }

    /** The app-config entry the registry understands; api tools name their provider by id. */
    private static Map<String, Object> entry(Trial trial) {
        Map<String, Object> entry = new HashMap<>();
        entry.put("type", trial.type());
        entry.put("provider", trial.provider());
        entry.put("provider_id", trial.provider());
        entry.put("tool", trial.tool());
        if (trial.credentials() != null && !trial.credentials().isEmpty()) {
            entry.put("credentials", trial.credentials());
        }
        return entry;
    }

    private static ApiException failure(Exception e) {
        ApiException api = ApiExceptions.find(e);
        if (api != null) {
            return api;
        }
        OutboundBlockedException blocked = ApiExceptions.cause(e, OutboundBlockedException.class);
        if (blocked != null) {
            return ApiException.badRequest(OutboundBlockedException.CODE, blocked.getMessage());
        }
        LOG.log(Level.FINE, "tool trial failed", e);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int status = e instanceof IllegalArgumentException ? 400 : 502;
        return new ApiException(status, "tool_error", message);
    }
}
