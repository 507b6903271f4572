package io.llmops.app.boundary;

import io.llmops.agent.boundary.StopSignals;
import io.llmops.app.boundary.ChatDtos.MessageView;
import io.llmops.app.boundary.ChatDtos.StopResult;
import io.llmops.platform.boundary.Roles;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.paging.Page;
import io.llmops.platform.paging.PageQuery;
import io.llmops.platform.security.Caller;
import io.llmops.platform.web.DeferredOutput;
import io.llmops.platform.web.SseWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The builder's debug chat with an app's draft config. Turns run on virtual threads ({@link ChatTurns#start}),
 * so an open stream holds no platform thread while the model thinks; only handing the response to JAX-RS runs
 * in the container's context ({@link ChatTurns#inContainer}).
 */
@ApplicationScoped
@Path("api/apps/{app_id}/conversations")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "apps")
public class DebugChatResource {

    @Inject
    ChatTurns turns;

    @Inject
    ChatHistory history;

    @Inject
    AppConfigs configs;

    @Inject
    StopSignals stops;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({SseWriter.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "Chat with the draft config: Server-Sent Events (message, agent_thought, message_end, error, ping) "
            + "or, with response_mode blocking, one JSON document")
    public void chat(@PathParam("app_id") UUID appId, @Valid @NotNull ChatDtos.ChatRequest request,
                     @Suspended AsyncResponse response) {
        ChatTurns.Prepared turn = turns.prepare(caller.workspaceId(), caller.accountId(), appId, request);
        turns.start(() -> {
            try {
                if (request.blocking()) {
                    ChatDtos.BlockingAnswer answer = turns.block(turn);
                    turns.inContainer(() -> response.resume(Response.ok(answer, MediaType.APPLICATION_JSON).build()));
                } else {
                    stream(turn, response);
                }
            } catch (RuntimeException e) {
                turns.inContainer(() -> response.resume(e));
            }
        });
    }

    /**
     * The turn asks its model first; once the request is out (or the first event is written, for a model
     * whose client does not tell), another thread has JAX-RS commit the SSE response while the model thinks.
     * Events produced before the response is ready are kept and sent first. (Committing the response took
     * ~2 ms: before the model request it delayed it, beside it it competed with it for the CPU, bench/README.md.)
     */
    private void stream(ChatTurns.Prepared turn, AsyncResponse response) {
        SseResponse sse = new SseResponse(response);
        try {
            turns.stream(turn, sse.events, sse);
        } finally {
            sse.run();   // a turn that wrote nothing (it failed before its first event)
            sse.events.close();
        }
    }

    /** Run: has JAX-RS commit the SSE response (once, on a thread of its own) and send it {@code events}. */
    private final class SseResponse implements Runnable {
        private final AsyncResponse response;
        private final AtomicBoolean started = new AtomicBoolean();
        final DeferredOutput events = new DeferredOutput(this);

        SseResponse(AsyncResponse response) {
            this.response = response;
        }

        @Override
        public void run() {
            if (started.compareAndSet(false, true)) {
                turns.start(() -> turns.inContainer(() -> response.resume(SseWriter.response(out -> {
                    events.attach(out);
                    try {
                        events.awaitClosed();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }))));
            }
        }
    }

    @GET
    @Path("messages")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's current debug conversation, newest message first, with agent thoughts")
    public Page<MessageView> messages(@PathParam("app_id") UUID appId, @Valid @BeanParam PageQuery page) {
        configs.draft(caller.workspaceId(), appId);
        return history.debugMessages(caller.workspaceId(), appId, caller.accountId(), page);
    }

    @DELETE
    @Operation(summary = "Start a fresh debug conversation")
    public Response reset(@PathParam("app_id") UUID appId) {
        configs.draft(caller.workspaceId(), appId);
        history.resetDebugger(caller.workspaceId(), appId, caller.accountId());
        return Response.noContent().build();
    }

    @POST
    @Path("tasks/{task_id}/stop")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stop a running answer, from any instance; the stream ends with message_end and status stop")
    public StopResult stop(@PathParam("app_id") UUID appId, @PathParam("task_id") UUID taskId) {
        if (!history.taskBelongsTo(taskId, caller.workspaceId(), appId)) {
            throw ApiException.notFound("Task");
        }
        stops.requestStop(taskId);
        return new StopResult("success");
    }
}
