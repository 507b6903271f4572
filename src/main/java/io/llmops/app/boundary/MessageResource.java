package io.llmops.app.boundary;

import io.llmops.platform.boundary.Roles;
import io.llmops.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** One message of the caller's workspace. */
@ApplicationScoped
@Path("api/messages/{message_id}")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "conversations")
public class MessageResource {

    @Inject
    Conversations conversations;

    @Inject
    Caller caller;

    @DELETE
    @Operation(summary = "Soft-delete one message: it leaves the history and the model's memory")
    public Response delete(@PathParam("message_id") UUID messageId) {
        conversations.deleteMessage(caller.workspaceId(), messageId);
        return Response.noContent().build();
    }
}
