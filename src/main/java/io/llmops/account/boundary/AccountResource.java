package io.llmops.account.boundary;

import io.llmops.account.boundary.AuthDtos.AccountView;
import io.llmops.platform.boundary.Roles;
import io.llmops.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@ApplicationScoped
@Path("api/account")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "account")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    Accounts accounts;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The signed-in account")
    public AccountView get() {
        return accounts.account(caller.accountId());
    }

    @PATCH
    @Operation(summary = "Change name and/or avatar")
    public AccountView update(@Valid @NotNull AuthDtos.AccountPatch patch) {
        return accounts.update(caller.accountId(), patch);
    }

    @PUT
    @Path("password")
    @Operation(summary = "Change the password; every other sign-in of this account ends")
    @APIResponse(responseCode = "204", description = "Changed")
    public Response changePassword(@Valid @NotNull AuthDtos.PasswordChange change) {
        String family = caller.refreshFamily();
        accounts.changePassword(caller.accountId(), family == null ? null : UUID.fromString(family), change);
        return Response.noContent().build();
    }
}
