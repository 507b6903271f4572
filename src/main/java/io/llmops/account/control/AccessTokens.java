package io.llmops.account.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.llmops.platform.security.SigningKeys;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Signs MicroProfile-JWT-shaped access tokens (RS256) that platform.security verifies on every request. */
public final class AccessTokens {

    private final SigningKeys keys;
    private final String issuer;
    private final Duration lifetime;

    public AccessTokens(SigningKeys keys, String issuer, Duration lifetime) {
        this.keys = keys;
        this.issuer = issuer;
        this.lifetime = lifetime;
    }

    public record Claims(UUID accountId, String email, UUID workspaceId, UUID familyId, List<String> groups) {
    }

    public String issue(Claims claims) {
        Instant now = Instant.now();
        JWTClaimsSet set = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(claims.accountId().toString())
                .claim("upn", claims.email())
                .claim("groups", claims.groups())
                .claim("wid", claims.workspaceId().toString())
                .claim("fam", claims.familyId().toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), set);
        try {
            jwt.sign(new RSASSASigner(keys.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign access token", e);
        }
        return jwt.serialize();
    }

    public Duration lifetime() {
        return lifetime;
    }
}
