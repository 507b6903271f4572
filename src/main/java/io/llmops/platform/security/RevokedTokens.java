package io.llmops.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.util.Collection;

/**
 * Access tokens revoked before they expire, kept in Redis (so every instance sees them) until they
 * would have expired anyway: single tokens by {@code jti} (logout) and whole sign-ins by refresh
 * family (logout, refresh-token reuse, password change), so no access token of a revoked sign-in
 * outlives the revocation.
 */
@ApplicationScoped
public class RevokedTokens {

    private static final String JTI = "llmops:revoked-jti:";
    private static final String FAMILY = "llmops:revoked-family:";

    @Inject
    UnifiedJedis redis;

    @Inject
    @ConfigProperty(name = "llmops.jwt.access-token-ttl-seconds", defaultValue = "900")
    long accessTokenSeconds;

    public void revoke(String jti, Duration remainingLifetime) {
        redis.set(JTI + jti, "1", SetParams.setParams().ex(Math.max(1, remainingLifetime.toSeconds() + 1)));
    }

    /** Every access token issued for these sign-ins stops working now, on every instance. */
    public void revokeFamilies(Collection<String> familyIds) {
        for (String family : familyIds) {
            redis.set(FAMILY + family, "1", SetParams.setParams().ex(accessTokenSeconds + 60));
        }
    }

    /** One Redis round trip per request. */
    public boolean isRevoked(String jti, String familyId) {
        return familyId == null ? redis.exists(JTI + jti) : redis.exists(JTI + jti, FAMILY + familyId) > 0;
    }
}
