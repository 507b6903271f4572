package io.llmops.account.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/** Single-use OAuth {@code state} values, kept in Redis for 10 minutes so any instance can take the callback. */
@ApplicationScoped
public class OAuthStates {

    private static final String PREFIX = "llmops:oauth-state:";
    private static final long LIFETIME_SECONDS = 600;

    @Inject
    UnifiedJedis redis;

    public String issue() {
        String state = OpaqueTokens.generate();
        redis.set(PREFIX + state, "1", SetParams.setParams().ex(LIFETIME_SECONDS));
        return state;
    }

    /** True once for a state we issued and that has not expired; GETDEL makes reuse impossible. */
    public boolean consume(String state) {
        if (state == null || state.isBlank() || state.length() > 128) {
            return false;
        }
        return redis.getDel(PREFIX + state) != null;
    }
}
