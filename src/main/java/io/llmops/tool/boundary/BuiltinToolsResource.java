package io.llmops.tool.boundary;

import io.llmops.platform.boundary.Roles;
import io.llmops.platform.security.Caller;
import io.llmops.platform.security.Public;
import io.llmops.tool.boundary.BuiltinToolDtos.CredentialsView;
import io.llmops.tool.boundary.BuiltinToolDtos.ProviderView;
import io.llmops.tool.boundary.BuiltinToolDtos.ToolView;
import io.llmops.tool.control.builtin.BuiltinCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

@ApplicationScoped
@Path("api/builtin-tools")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "tool")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class BuiltinToolsResource {

    static final String SVG = "image/svg+xml";

    @Inject
    BuiltinTools tools;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Built-in tool providers with their tools, credential fields, and whether this workspace configured each")
    public List<ProviderView> providers() {
        return tools.providers(caller.workspaceId());
    }

    @GET
    @Path("categories")
    @Operation(summary = "The categories built-in tool providers are filed under")
    public List<BuiltinCatalog.Category> categories() {
        return tools.categories();
    }

    @GET
    @Path("{provider}/tools/{tool}")
    @Operation(summary = "One built-in tool: its typed parameters and output")
    public ToolView tool(@PathParam("provider") String provider, @PathParam("tool") String tool) {
        return tools.tool(provider, tool);
    }

    @GET
    @Path("{provider}/icon")
    @Public // a static picture, loaded by <img> tags that cannot send a bearer token
    @Produces(SVG)
    @Operation(summary = "The provider's icon (SVG)")
    public Response icon(@PathParam("provider") String provider) {
        return Response.ok(tools.icon(provider), SVG).header("Cache-Control", "public, max-age=86400").build();
    }

    @GET
    @Path("{provider}/credentials")
    @Operation(summary = "This workspace's credentials for the provider, secrets masked")
    public CredentialsView credentials(@PathParam("provider") String provider) {
        return tools.credentials(caller.workspaceId(), provider);
    }

    @PUT
    @Path("{provider}/credentials")
    @Operation(summary = "Store the provider's credentials (fields of its credential schema, e.g. {api_key})")
    public CredentialsView saveCredentials(@PathParam("provider") String provider, @NotNull Map<String, Object> document) {
        return tools.saveCredentials(caller.workspaceId(), provider, document);
    }

    @DELETE
    @Path("{provider}/credentials")
    @Operation(summary = "Remove this workspace's credentials for the provider")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response deleteCredentials(@PathParam("provider") String provider) {
        tools.deleteCredentials(caller.workspaceId(), provider);
        return Response.noContent().build();
    }
}
