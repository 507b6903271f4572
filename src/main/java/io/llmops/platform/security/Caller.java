package io.llmops.platform.security;

import io.llmops.platform.error.ApiException;
import jakarta.enterprise.context.RequestScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Who is calling: the account and workspace of the current request's access token. */
@RequestScoped
public class Caller {

    /** Claim holding the workspace the token acts in. */
    public static final String WORKSPACE_CLAIM = "wid";
    /** Claim holding the refresh-token family the token was issued with (revoked on logout). */
    public static final String FAMILY_CLAIM = "fam";

    private VerifiedToken token;

    /**
     * Set by the bearer-token filter once the request's token passed every check. Public because a
     * package-private method would not go through the request-scoped proxy (it would set the proxy's field).
     */
    public void authenticate(VerifiedToken verified) {
        this.token = verified;
    }

    public UUID accountId() {
        return require().accountId();
    }

    public UUID workspaceId() {
        return require().workspaceId();
    }

    public String tokenId() {
        return require().tokenId();
    }

    public String refreshFamily() {
        return require().familyId();
    }

    public Duration remainingLifetime() {
        return Duration.between(Instant.now(), require().expiresAt());
    }

    private VerifiedToken require() {
        if (token == null) {
            throw ApiException.unauthorized("unauthorized", "A valid bearer token is required");
        }
        return token;
    }
}
