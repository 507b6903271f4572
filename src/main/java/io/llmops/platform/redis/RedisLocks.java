package io.llmops.platform.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Leases in Redis that keep instances of a cluster off the same work: {@code SET key token NX PX ttl}.
 * Only the holder's token renews or releases a lease (compare-and-set in a Lua script), so a holder
 * whose lease ran out (it stalled or died) never deletes the next holder's lease.
 */
@ApplicationScoped
public class RedisLocks {

    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";

    @Inject
    UnifiedJedis redis;

    /** The new lease's token, or empty when someone else holds the key. */
    public Optional<String> tryAcquire(String key, long ttlMillis) {
        String token = UUID.randomUUID().toString();
        return "OK".equals(redis.set(key, token, SetParams.setParams().nx().px(ttlMillis))) ? Optional.of(token)
                : Optional.empty();
    }

    /** Extends the lease; false when it is no longer this token's (expired, taken over). */
    public boolean renew(String key, String token, long ttlMillis) {
        return Long.valueOf(1).equals(redis.eval(RENEW, List.of(key), List.of(token, Long.toString(ttlMillis))));
    }

    public void release(String key, String token) {
        redis.eval(RELEASE, List.of(key), List.of(token));
    }
}
