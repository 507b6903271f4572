package io.llmops.platform.security;

import io.llmops.platform.boundary.Roles;
import io.llmops.platform.error.ApiException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Runs before every non-public resource method: the bearer token must be one of ours (signature,
 * issuer, lifetime: {@link AccessTokenVerifier}), not revoked (Redis, so logout holds on every
 * instance), and belong to a signed-in user (role {@code user}). The caller is then known to {@link Caller}.
 */
@Priority(Priorities.AUTHENTICATION)
final class BearerTokenFilter implements ContainerRequestFilter {

    private volatile Beans beans;

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
        if (!token.groups().contains(Roles.USER)) {
            throw new ApiException(403, "forbidden", "This account may not do that");
        }
        b.caller().authenticate(token);
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
}
