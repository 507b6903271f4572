package io.llmops.app.boundary;

import io.llmops.platform.boundary.Roles;
import io.llmops.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** One message of a conversation in the caller's workspace; any other id answers 404. */
@ApplicationScoped
@Path("api/messages/{message_id}")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "apps")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    /** Dify's shape: {@code {"data": ["…", "…", "…"]}}. */
    public record SuggestedQuestionsView(List<String> data) {
    }

    @Inject
    Suggestions suggestions;

    @Inject
    Caller caller;

    @GET
    @Path("suggested-questions")
    @Operation(summary = "Up to three follow-up questions the app's model suggests after this message; "
            + "an empty list when the model fails or answers nothing usable")
    public SuggestedQuestionsView suggestedQuestions(@PathParam("message_id") UUID messageId) {
        return new SuggestedQuestionsView(suggestions.forMessage(caller.workspaceId(), messageId));
    }
}
