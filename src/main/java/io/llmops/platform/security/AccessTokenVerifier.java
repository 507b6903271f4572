package io.llmops.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Checks the platform's MicroProfile-JWT access tokens: RS256 only (no "none", no HMAC made with the
 * public key), signed by our key, our issuer, issued-at present, not expired, and the claims the API
 * needs. A token is immutable, so a verified one is remembered (bounded, until it expires) and the
 * next request with it skips the RSA check and the JSON parsing; revocation is not cached here, it
 * is asked per request ({@link RevokedTokens}).
 */
public final class AccessTokenVerifier {

    /** MicroProfile JWT's default leeway for instances whose clocks differ a little. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final RSASSAVerifier signature;
    private final String issuer;
    private final Clock clock;
    private final Cache<String, VerifiedToken> verified;

    public AccessTokenVerifier(RSAPublicKey publicKey, String issuer, Clock clock, long maxCachedTokens) {
        this.signature = new RSASSAVerifier(publicKey);
        this.issuer = issuer;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxCachedTokens)
                .expireAfter(Expiry.<String, VerifiedToken>creating((token, claims) ->
                        Duration.between(clock.instant(), claims.expiresAt().plus(CLOCK_SKEW))))
                .build();
    }

    /** The token's claims, or empty when it is not one of ours, tampered with, expired or incomplete. */
    public Optional<VerifiedToken> verify(String compact) {
        if (compact == null || compact.isEmpty()) {
            return Optional.empty();
        }
        VerifiedToken known = verified.getIfPresent(compact);
        if (known != null) {
            return unexpired(known);
        }
        Optional<VerifiedToken> checked = check(compact);
        checked.ifPresent(claims -> verified.put(compact, claims));
        return checked;
    }

    private Optional<VerifiedToken> unexpired(VerifiedToken token) {
        return clock.instant().isBefore(token.expiresAt().plus(CLOCK_SKEW)) ? Optional.of(token) : Optional.empty();
    }

    private Optional<VerifiedToken> check(String compact) {
        try {
            SignedJWT jwt = SignedJWT.parse(compact);
            var header = jwt.getHeader();
            if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())
                    || (header.getType() != null && !JOSEObjectType.JWT.equals(header.getType()))
                    || (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty())
                    || !jwt.verify(signature)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (!issuer.equals(claims.getIssuer()) || expires == null || claims.getIssueTime() == null) {
                return Optional.empty();
            }
            List<String> groups = claims.getStringListClaim("groups");
            VerifiedToken token = new VerifiedToken(UUID.fromString(claims.getSubject()),
                    UUID.fromString(claims.getStringClaim(Caller.WORKSPACE_CLAIM)), requireText(claims.getJWTID()),
                    claims.getStringClaim(Caller.FAMILY_CLAIM),
                    groups == null ? Set.of() : Set.copyOf(groups), expires.toInstant());
            return unexpired(token);
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static String requireText(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing claim");
        }
        return value;
    }
}
