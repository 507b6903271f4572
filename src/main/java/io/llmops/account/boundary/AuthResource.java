package io.llmops.account.boundary;

import io.llmops.account.boundary.AuthDtos.AuthResponse;
import io.llmops.platform.boundary.Roles;
import io.llmops.platform.error.Problem;
import io.llmops.platform.security.Caller;
import io.llmops.platform.security.Public;
import io.llmops.platform.security.RevokedTokens;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@RequestScoped
@Path("api/auth")
@Tag(name = "auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    Accounts accounts;

    @Inject
    Caller caller;

    @Inject
    RevokedTokens revokedTokens;

    @Context
    HttpServletRequest http;

    @POST
    @Path("register")
    @Public
    @Operation(summary = "Create an account and its own workspace, and sign in")
    @APIResponse(responseCode = "201", description = "Signed up",
            content = @Content(schema = @Schema(implementation = AuthResponse.class)))
    @APIResponse(responseCode = "409", description = "email_taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@Valid @NotNull AuthDtos.RegisterRequest request) {
        return Response.status(Response.Status.CREATED).entity(accounts.register(request, http.getRemoteAddr())).build();
    }

    @POST
    @Path("login")
    @Public
    @Operation(summary = "Sign in with email and password (throttled per email and client address)")
    @APIResponse(responseCode = "401", description = "invalid_credentials",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "rate_limited, with Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AuthResponse login(@Valid @NotNull AuthDtos.LoginRequest request) {
        return accounts.login(request, http.getRemoteAddr());
    }

    @POST
    @Path("refresh")
    @Public
    @Operation(summary = "Exchange a refresh token for a new pair; a reused token revokes its whole family")
    public AuthResponse refresh(@Valid @NotNull AuthDtos.RefreshRequest request) {
        return accounts.refresh(request.refreshToken());
    }

    @POST
    @Path("logout")
    @SecurityRequirement(name = Roles.BEARER_SCHEME)
    @Operation(summary = "Revoke this access token (on every instance) and its refresh-token family")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Response logout() {
        revokedTokens.revoke(caller.tokenId(), caller.remainingLifetime());
        String family = caller.refreshFamily();
        accounts.logout(family == null ? null : UUID.fromString(family));
        return Response.noContent().build();
    }
}
