package io.llmops.app.boundary;

import io.llmops.app.boundary.BuiltinAppDtos.BuiltinAppDetail;
import io.llmops.app.boundary.BuiltinAppDtos.BuiltinAppView;
import io.llmops.app.control.BuiltinApps.Category;
import io.llmops.platform.boundary.Roles;
import io.llmops.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Built-in app templates: browse them and install one as a new app of the caller's workspace. */
@ApplicationScoped
@Path("api/builtin-apps")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "apps")
@Produces(MediaType.APPLICATION_JSON)
public class BuiltinAppsResource {

    @Inject
    BuiltinAppTemplates templates;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The built-in templates (card and model, no config), optionally of one category")
    public List<BuiltinAppView> list(@QueryParam("category") String category) {
        return templates.list(category);
    }

    @GET
    @Path("categories")
    @Operation(summary = "The templates' categories with how many templates each holds")
    public List<Category> categories() {
        return templates.categories();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One template with its complete app config")
    public BuiltinAppDetail get(@PathParam("id") String id) {
        return templates.get(id);
    }

    @POST
    @Path("{id}/install")
    @Operation(summary = "Install a template: a new draft app with the template's name, description, icon and config")
    @APIResponse(responseCode = "201", description = "Created")
    public Response install(@PathParam("id") String id) {
        return Response.status(Response.Status.CREATED)
                .entity(templates.install(caller.workspaceId(), caller.accountId(), id)).build();
    }
}
