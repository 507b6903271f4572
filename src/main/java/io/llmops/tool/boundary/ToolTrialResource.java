package io.llmops.tool.boundary;

import io.llmops.platform.boundary.Roles;
import io.llmops.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("api/tools/test")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "tool")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ToolTrialResource {

    @Inject
    ToolTrials trials;

    @Inject
    Caller caller;

    @POST
    @Operation(summary = "Run one tool {type: builtin | api, provider (api: provider id), tool, params, credentials?} and "
            + "answer its result; 400/502 tool_error when it fails, 400 ssrf_blocked when its target is internal, "
            + "404 tool_not_found")
    public ToolTrials.Outcome test(@NotNull ToolTrials.Trial trial) {
        return trials.run(caller.workspaceId(), trial);
    }
}
