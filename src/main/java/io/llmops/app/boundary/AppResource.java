package io.llmops.app.boundary;

import io.llmops.app.boundary.AppDtos.AppView;
import io.llmops.app.boundary.AppDtos.VersionView;
import io.llmops.app.control.AppConfig;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * One app of the caller's workspace: its card, its draft config, publishing and version history. Any
 * other workspace's app id (or a malformed one) answers 404.
 */
@ApplicationScoped
@Path("api/apps/{app_id}")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "apps")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AppResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    Apps apps;

    @Inject
    AppConfigs configs;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "One app, with its status, published version and opening statement/questions")
    public AppView get(@PathParam("app_id") UUID appId) {
        return apps.get(caller.workspaceId(), appId);
    }

    @PATCH
    @Operation(summary = "Change name, description and/or icon")
    public AppView update(@PathParam("app_id") UUID appId, @Valid @NotNull AppDtos.AppPatch patch) {
        return apps.update(caller.workspaceId(), appId, patch);
    }

    @DELETE
    @Operation(summary = "Delete an app (soft: it answers 404 from then on)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("app_id") UUID appId) {
        apps.delete(caller.workspaceId(), appId);
        return Response.noContent().build();
    }

    @POST
    @Path("copy")
    @Operation(summary = "Copy an app: \"<name> (copy)\" with a copy of its draft config")
    @APIResponse(responseCode = "201", description = "Copied")
    public Response copy(@PathParam("app_id") UUID appId) {
        return Response.status(Response.Status.CREATED)
                .entity(apps.copy(caller.workspaceId(), caller.accountId(), appId)).build();
    }

    @GET
    @Path("draft-config")
    @Operation(summary = "The draft config")
    public AppConfig draft(@PathParam("app_id") UUID appId) {
        return configs.draft(caller.workspaceId(), appId);
    }

    @PATCH
    @Path("draft-config")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
    @Operation(summary = "Merge sections into the draft (RFC 7396: objects merge, arrays replace, null resets "
            + "to the default); the whole result is validated")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AppConfig.class)))
    public AppConfig patchDraft(@PathParam("app_id") UUID appId, String mergePatch) {
        return configs.patchDraft(caller.workspaceId(), appId, mergePatch);
    }

    @POST
    @Path("publish")
    @Operation(summary = "Snapshot the draft as the next version and publish it; 400 app_not_configured without a model")
    @APIResponse(responseCode = "201", description = "Published",
            content = @Content(schema = @Schema(implementation = VersionView.class)))
    public Response publish(@PathParam("app_id") UUID appId) {
        return Response.status(Response.Status.CREATED)
                .entity(configs.publish(caller.workspaceId(), caller.accountId(), appId)).build();
    }

    @POST
    @Path("cancel-publish")
    @Operation(summary = "Back to draft: the published pointer is cleared, versions are kept")
    public AppView cancelPublish(@PathParam("app_id") UUID appId) {
        return configs.cancelPublish(caller.workspaceId(), appId);
    }

    @GET
    @Path("publish-histories")
    @Operation(summary = "Published versions, newest first")
    public Page<VersionView> histories(@PathParam("app_id") UUID appId, @Valid @BeanParam PageQuery page) {
        return configs.versions(caller.workspaceId(), appId, page);
    }

    @POST
    @Path("fallback-history")
    @Operation(summary = "Copy a version's config into the draft; answers the new draft")
    public AppConfig fallback(@PathParam("app_id") UUID appId, @Valid @NotNull AppDtos.FallbackRequest request) {
        return configs.fallback(caller.workspaceId(), appId, UUID.fromString(request.appConfigVersionId()));
    }
}
