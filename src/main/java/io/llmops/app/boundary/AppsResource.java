package io.llmops.app.boundary;

import io.llmops.app.boundary.AppDtos.AppView;
import io.llmops.platform.boundary.Roles;
import io.llmops.platform.paging.Page;
import io.llmops.platform.paging.PageQuery;
import io.llmops.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The collection of the caller's workspace's apps; one app is {@link AppResource}. */
@ApplicationScoped
@Path("api/apps")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "apps")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AppsResource {

    @Inject
    Apps apps;

    @Inject
    Caller caller;

    @POST
    @Operation(summary = "Create an app (draft, no model chosen yet)")
    @APIResponse(responseCode = "201", description = "Created")
    public Response create(@Valid @NotNull AppDtos.AppCreate request) {
        return Response.status(Response.Status.CREATED)
                .entity(apps.create(caller.workspaceId(), caller.accountId(), request)).build();
    }

    @GET
    @Operation(summary = "The workspace's apps, newest first; search matches the name, ignoring case")
    public Page<AppView> list(@Valid @BeanParam PageQuery page, @QueryParam("search") String search) {
        return apps.list(caller.workspaceId(), search, page);
    }
}
