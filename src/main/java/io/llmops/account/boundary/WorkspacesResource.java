package io.llmops.account.boundary;

import io.llmops.account.boundary.AuthDtos.MemberView;
import io.llmops.account.boundary.AuthDtos.WorkspaceView;
import io.llmops.platform.boundary.Roles;
import io.llmops.platform.paging.Page;
import io.llmops.platform.paging.PageQuery;
import io.llmops.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
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

@ApplicationScoped
@Path("api/workspaces")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "account")
@Produces(MediaType.APPLICATION_JSON)
public class WorkspacesResource {

    @Inject
    Accounts accounts;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The workspaces the signed-in account belongs to")
    public List<WorkspaceView> list() {
        return accounts.workspaces(caller.accountId());
    }

    @GET
    @Path("{workspace_id}")
    @Operation(summary = "One of the caller's workspaces; any other id answers 404")
    public WorkspaceView get(@PathParam("workspace_id") UUID workspaceId) {
        return accounts.workspace(caller.accountId(), workspaceId);
    }

    @GET
    @Path("{workspace_id}/members")
    @Operation(summary = "Members of one of the caller's workspaces, paged")
    public Page<MemberView> members(@PathParam("workspace_id") UUID workspaceId, @Valid @BeanParam PageQuery page) {
        return accounts.members(caller.accountId(), workspaceId, page);
    }
}
