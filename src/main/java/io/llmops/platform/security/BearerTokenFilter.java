package io.llmops.platform.security;

import io.llmops.platform.error.ApiException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;
import java.util.Set;

/**
 * Runs before every non-public resource method: the bearer token must be one of ours (signature,
 * issuer, lifetime: {@link AccessTokenVerifier}), not revoked (Redis, so logout holds on every
 * instance), and carry a role the method allows. The caller is then known to {@link Caller}.
 */
@Priority(Priorities.AUTHENTICATION)
final class BearerTokenFilter implements ContainerRequestFilter {

    private final Set<String> allowedRoles;
    private volatile Beans beans;

    BearerTokenFilter(Set<String> allowedRoles) {
        this.allowedRoles = allowedRoles;
    }

    /** Looked up once: application-scoped beans and the request-scoped Caller's client proxy. */
    private record Beans(BearerTokens tokens, RevokedTokens revoked, Caller caller) {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Beans b = beans();
        VerifiedToken token = b.tokens().fromHeader(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .orElseThrow(() -> ApiException.unauthorized("unauthorized", "A valid bearer token is required"));
        if (b.revoked().isRevoked(token.tokenId(), token.familyId())) {
            throw ApiException.unauthorized("token_revoked", "This token has been revoked; sign in again");
        }
        if (!allowedRoles.isEmpty() && !token.hasAnyRole(allowedRoles)) {
            throw new ApiException(403, "forbidden", "This account may not do that");
        }
        b.caller().authenticate(token);
        request.setSecurityContext(new TokenSecurityContext(token, request.getSecurityContext().isSecure()));
    }

    private Beans beans() {
        Beans b = beans;
        if (b == null) {
            CDI<Object> cdi = CDI.current();
            b = new Beans(cdi.select(BearerTokens.class).get(), cdi.select(RevokedTokens.class).get(),
                    cdi.select(Caller.class).get());
            beans = b;
        }
        return b;
    }

    private record TokenSecurityContext(VerifiedToken token, boolean secure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            String name = token.accountId().toString();
            return () -> name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return token.groups().contains(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
