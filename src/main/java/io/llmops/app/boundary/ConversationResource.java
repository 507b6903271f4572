package io.llmops.app.boundary;

import io.llmops.app.boundary.ChatDtos.ConversationUpdate;
import io.llmops.app.boundary.ChatDtos.ConversationView;
import io.llmops.platform.boundary.Roles;
import io.llmops.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** One conversation of the caller's workspace: read, rename, pin, delete. */
@ApplicationScoped
@Path("api/conversations/{conversation_id}")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "conversations")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

    @Inject
    Conversations conversations;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "One conversation: name, pinned, origin")
    public ConversationView get(@PathParam("conversation_id") UUID conversationId) {
        return conversations.get(caller.workspaceId(), conversationId);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename (1-255 characters) and/or pin; fields left out stay")
    public ConversationView update(@PathParam("conversation_id") UUID conversationId,
                                   @Valid @NotNull ConversationUpdate update) {
        return conversations.update(caller.workspaceId(), conversationId, update);
    }

    @DELETE
    @Operation(summary = "Soft-delete the conversation and its messages; they leave history, memory and statistics")
    public Response delete(@PathParam("conversation_id") UUID conversationId) {
        conversations.delete(caller.workspaceId(), conversationId);
        return Response.noContent().build();
    }
}
