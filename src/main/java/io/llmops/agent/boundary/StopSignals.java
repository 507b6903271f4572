package io.llmops.agent.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * "Stop this answer" across instances: the stop request sets a short-lived Redis key; the instance
 * running the turn polls it (at most every 200 ms per turn, so hundreds of open streams cost Redis
 * little) through the {@link BooleanSupplier} handed to the agent loop.
 */
@ApplicationScoped
public class StopSignals {

    private static final String PREFIX = "llmops:stop:";
    private static final long KEEP_SECONDS = 3600;
    private static final long POLL_NANOS = 200_000_000L;

    @Inject
    UnifiedJedis redis;

    public void requestStop(UUID taskId) {
        redis.set(PREFIX + taskId, "1", SetParams.setParams().ex(KEEP_SECONDS));
    }

    /** A stop check for one task that asks Redis at most every 200 ms and stays true once seen. */
    public BooleanSupplier watcher(UUID taskId) {
        return new BooleanSupplier() {
            private long nextCheck;
            private volatile boolean stopped;

            @Override
            public synchronized boolean getAsBoolean() {
                long now = System.nanoTime();
                if (!stopped && now - nextCheck >= 0) {
                    nextCheck = now + POLL_NANOS;
                    stopped = redis.exists(PREFIX + taskId);
                }
                return stopped;
            }
        };
    }
}
