package io.llmops.platform.security;

import io.llmops.platform.error.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

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

    @Inject
    JsonWebToken token;

    public UUID accountId() {
        return uuidClaim(token.getSubject());
    }

    public UUID workspaceId() {
        return uuidClaim(textClaim(token, WORKSPACE_CLAIM));
    }

    public String tokenId() {
        return token.getTokenID();
    }

    public String refreshFamily() {
        return textClaim(token, FAMILY_CLAIM);
    }

    public Duration remainingLifetime() {
        return Duration.between(Instant.now(), Instant.ofEpochSecond(token.getExpirationTime()));
    }

    /** A custom string claim's text: MP-JWT may hand it over as a JSON string, quotes included. */
    static String textClaim(JsonWebToken token, String name) {
        Object claim = token.getClaim(name);
        return claim == null ? null : claim.toString().replace("\"", "");
    }

    private static UUID uuidClaim(String value) {
        if (value == null) {
            throw ApiException.unauthorized("unauthorized", "A valid bearer token is required");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("unauthorized", "A valid bearer token is required");
        }
    }
}
