package io.llmops.app.boundary;

import io.llmops.platform.boundary.Roles;
import io.llmops.platform.security.Caller;
import io.llmops.platform.web.SseWriter;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** AI help for builders: an improved version of a prompt, streamed, from an app's draft model. */
@ApplicationScoped
@Path("api/ai/optimize-prompt")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "apps")
public class OptimizePromptResource {

    @Inject
    PromptOptimizations optimizations;

    @Inject
    Caller caller;

    @Resource(lookup = "java:app/concurrent/llmops-virtual")
    ManagedExecutorService executor;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({SseWriter.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "Stream an improved prompt (Server-Sent Events: message with answer deltas, then message_end; "
            + "error on model failure) written by the draft model of app_id")
    public void optimize(@Valid @NotNull OptimizePromptRequest request, @Suspended AsyncResponse response) {
        PromptOptimizations.Prepared prepared = optimizations.prepare(caller.workspaceId(), request);
        executor.execute(() -> {
            try {
                response.resume(SseWriter.response(out -> optimizations.stream(prepared, out)));
            } catch (RuntimeException e) {
                response.resume(e);
            }
        });
    }
}
