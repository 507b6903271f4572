package io.llmops.platform.security;

import io.llmops.platform.error.ApiException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.Set;

/**
 * Runs before every non-public resource method: a token MP-JWT accepted must be present, not
 * revoked (Redis, so logout holds on every instance), and carry a role the method allows.
 */
@Priority(Priorities.AUTHENTICATION)
final class BearerTokenFilter implements ContainerRequestFilter {

    private final Set<String> allowedRoles;

    BearerTokenFilter(Set<String> allowedRoles) {
        this.allowedRoles = allowedRoles;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext().getUserPrincipal();
        if (!(principal instanceof JsonWebToken token) || token.getTokenID() == null) {
            throw ApiException.unauthorized("unauthorized", "A valid bearer token is required");
        }
        String familyId = Caller.textClaim(token, Caller.FAMILY_CLAIM);
        if (CDI.current().select(RevokedTokens.class).get().isRevoked(token.getTokenID(), familyId)) {
            throw ApiException.unauthorized("token_revoked", "This token has been revoked; sign in again");
        }
        if (!allowedRoles.isEmpty() && allowedRoles.stream().noneMatch(request.getSecurityContext()::isUserInRole)) {
            throw new ApiException(403, "forbidden", "This account may not do that");
        }
    }
}
