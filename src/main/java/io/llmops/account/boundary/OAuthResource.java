package io.llmops.account.boundary;

import io.llmops.account.boundary.AuthDtos.AuthResponse;
import io.llmops.account.boundary.AuthDtos.OAuthRedirect;
import io.llmops.account.control.GitHubOAuth;
import io.llmops.account.control.OAuthStates;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.outbound.OutboundHttp;
import io.llmops.platform.security.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@RequestScoped
@Path("api/auth/oauth/github")
@Public
@Tag(name = "auth")
@Produces(MediaType.APPLICATION_JSON)
public class OAuthResource {

    @Inject
    Accounts accounts;

    @Inject
    AccountSettings settings;

    @Inject
    OutboundHttp http;

    @Inject
    OAuthStates states;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(summary = "Where to send the browser to sign in with GitHub (state valid once, for 10 minutes)")
    public OAuthRedirect start() {
        return new OAuthRedirect(github().authorizeUrl(states.issue()));
    }

    @GET
    @Path("callback")
    @Operation(summary = "GitHub's redirect back: checks state, exchanges the code, signs in or links the account")
    public AuthResponse callback(@QueryParam("code") String code, @QueryParam("state") String state) {
        GitHubOAuth github = github();
        if (!states.consume(state)) {
            throw ApiException.badRequest("oauth_state_invalid", "The sign-in state is unknown, expired or already used");
        }
        if (code == null || code.isBlank() || code.length() > 512) {
            throw ApiException.invalidField("code", "must be the code GitHub returned");
        }
        return accounts.signInWithGitHub(github.exchange(code), request.getRemoteAddr());
    }

    private GitHubOAuth github() {
        return settings.github(http).orElseThrow(() -> ApiException.badRequest("oauth_not_configured",
                "GitHub sign-in is not configured on this server"));
    }
}
