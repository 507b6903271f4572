package io.llmops.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;

/** Access-token ids revoked before they expire, kept in Redis until they would have expired anyway. */
@ApplicationScoped
public class RevokedTokens {

    private static final String PREFIX = "llmops:revoked-jti:";

    @Inject
    UnifiedJedis redis;

    public void revoke(String jti, Duration remainingLifetime) {
        long seconds = Math.max(1, remainingLifetime.toSeconds() + 1);
        redis.set(PREFIX + jti, "1", SetParams.setParams().ex(seconds));
    }

    public boolean isRevoked(String jti) {
        return redis.exists(PREFIX + jti);
    }
}
