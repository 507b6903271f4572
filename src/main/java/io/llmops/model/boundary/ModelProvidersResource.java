package io.llmops.model.boundary;

import io.llmops.model.boundary.ModelDtos.CredentialsView;
import io.llmops.model.boundary.ModelDtos.ProviderView;
import io.llmops.model.control.ModelSpec;
import io.llmops.platform.boundary.Roles;
import io.llmops.platform.security.Caller;
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
@Path("api/model-providers")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "model")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ModelProvidersResource {

    @Inject
    Models models;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The model catalogue: providers, their models and credential fields, and whether this workspace configured each")
    public List<ProviderView> providers() {
        return models.providers(caller.workspaceId());
    }

    @GET
    @Path("{provider}/models/{model}")
    @Operation(summary = "One model: features, context size, parameter rules and price")
    public ModelSpec model(@PathParam("provider") String provider, @PathParam("model") String model) {
        return models.model(provider, model);
    }

    @GET
    @Path("{provider}/credentials")
    @Operation(summary = "This workspace's credentials for the provider, secrets masked")
    public CredentialsView credentials(@PathParam("provider") String provider) {
        return models.credentials(caller.workspaceId(), provider);
    }

    @PUT
    @Path("{provider}/credentials")
    @Operation(summary = "Store the provider's credentials {api_key, base_url?, api_version?, deployment?, validate?}; "
            + "validate=true calls the provider first (400 model_credentials_invalid when it refuses)")
    public CredentialsView saveCredentials(@PathParam("provider") String provider, @NotNull Map<String, Object> document) {
        return models.saveCredentials(caller.workspaceId(), provider, document);
    }

    @DELETE
    @Path("{provider}/credentials")
    @Operation(summary = "Remove this workspace's credentials for the provider")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response deleteCredentials(@PathParam("provider") String provider) {
        models.deleteCredentials(caller.workspaceId(), provider);
        return Response.noContent().build();
    }
}
