package io.llmops.account.control;

import io.llmops.platform.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.UnifiedJedis;

import java.util.Locale;

/**
 * Counts failed sign-ins per email and client address in Redis (shared by every instance); after
 * {@code llmops.auth.login.max-failures} within the window, further attempts answer 429 until the
 * window ends, even with the right password.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String PREFIX = "llmops:login-failures:";

    @Inject
    UnifiedJedis redis;

    @Inject
    @ConfigProperty(name = "llmops.auth.login.max-failures", defaultValue = "10")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "llmops.auth.login.window-seconds", defaultValue = "900")
    int windowSeconds;

    public void checkAllowed(String email, String clientIp) {
        String key = key(email, clientIp);
        String failures = redis.get(key);
        if (failures != null && Integer.parseInt(failures) >= maxFailures) {
            long ttl = redis.ttl(key);
            throw ApiException.rateLimited(ttl > 0 ? ttl : windowSeconds);
        }
    }

    public void recordFailure(String email, String clientIp) {
        String key = key(email, clientIp);
        long count = redis.incr(key);
        if (count == 1) {
            redis.expire(key, windowSeconds);
        }
    }

    public void reset(String email, String clientIp) {
        redis.del(key(email, clientIp));
    }

    private static String key(String email, String clientIp) {
        // the email is hashed so Redis never holds addresses in clear
        return PREFIX + OpaqueTokens.sha256(email.strip().toLowerCase(Locale.ROOT)) + ":" + clientIp;
    }
}
