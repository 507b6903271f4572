package io.llmops.tool.boundary;

import io.llmops.platform.boundary.Roles;
import io.llmops.platform.paging.Page;
import io.llmops.platform.paging.PageQuery;
import io.llmops.platform.security.Caller;
import io.llmops.tool.boundary.ApiToolDtos.ProviderRequest;
import io.llmops.tool.boundary.ApiToolDtos.ProviderView;
import io.llmops.tool.boundary.ApiToolDtos.ToolView;
import io.llmops.tool.boundary.ApiToolDtos.ValidateRequest;
import io.llmops.tool.boundary.ApiToolDtos.ValidationView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import java.util.UUID;

/** Custom API tools imported from OpenAPI specs, per workspace. */
@ApplicationScoped
@Path("api/api-tools")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "tools")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ApiToolsResource {

    @Inject
    ApiTools apiTools;

    @Inject
    Caller caller;

    @POST
    @Path("validate-openapi-schema")
    @Operation(summary = "The tools an OpenAPI 3.x / Swagger 2.0 spec (JSON or YAML text) would create; "
            + "400 invalid_openapi_schema with the reasons otherwise")
    public ValidationView validate(@Valid @NotNull ValidateRequest request) {
        return apiTools.validate(request.openapiSchema());
    }

    @POST
    @Operation(summary = "Import a spec (openapi_schema text or schema_url) as a provider of tools, with headers and auth")
    @APIResponse(responseCode = "201", description = "Created")
    public Response create(@Valid @NotNull ProviderRequest request) {
        return Response.status(Response.Status.CREATED).entity(apiTools.create(caller.workspaceId(), request)).build();
    }

    @GET
    @Operation(summary = "The workspace's API tool providers, newest first; search matches the name, ignoring case")
    public Page<ProviderView> list(@Valid @BeanParam PageQuery page, @QueryParam("search") String search) {
        return apiTools.list(caller.workspaceId(), search, page);
    }

    @GET
    @Path("{provider_id}")
    @Operation(summary = "One provider with its spec and tools; header values and auth secrets masked")
    public ProviderView get(@PathParam("provider_id") UUID providerId) {
        return apiTools.get(caller.workspaceId(), providerId);
    }

    @PUT
    @Path("{provider_id}")
    @Operation(summary = "Replace a provider; a masked value sent back unchanged keeps the stored secret")
    public ProviderView update(@PathParam("provider_id") UUID providerId, @Valid @NotNull ProviderRequest request) {
        return apiTools.update(caller.workspaceId(), providerId, request);
    }

    @DELETE
    @Path("{provider_id}")
    @Operation(summary = "Delete a provider and its tools")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("provider_id") UUID providerId) {
        apiTools.delete(caller.workspaceId(), providerId);
        return Response.noContent().build();
    }

    @GET
    @Path("{provider_id}/tools/{tool_name}")
    @Operation(summary = "One tool of a provider: method, URL and typed parameters")
    public ToolView tool(@PathParam("provider_id") UUID providerId, @PathParam("tool_name") String toolName) {
        return apiTools.tool(caller.workspaceId(), providerId, toolName);
    }
}
