package io.llmops.agent.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * "Stop this answer" across instances: the stop request sets a short-lived Redis key; the instance
 * running the turn polls it (at most every 200 ms per turn, so hundreds of open streams cost Redis
 * little) through the {@link BooleanSupplier} handed to the agent loop.
 */
@ApplicationScoped
public class StopSignals {

    private static final Logger LOG = Logger.getLogger(StopSignals.class.getName());
    private static final String PREFIX = "llmops:stop:";
    private static final long KEEP_SECONDS = 3600;
    private static final long POLL_NANOS = 200_000_000L;

    @Inject
    UnifiedJedis redis;

    public void requestStop(UUID taskId) {
        redis.set(PREFIX + taskId, "1", SetParams.setParams().ex(KEEP_SECONDS));
    }

    /**
     * A stop check for one task that never waits for Redis: a due check (at most every 200 ms) runs
     * on its own virtual thread and the answer so far is returned at once, so the model's token
     * callbacks, which call this, do not stall on a Redis round trip. Stays true once seen.
     */
    public BooleanSupplier watcher(UUID taskId) {
        return new BooleanSupplier() {
            private final AtomicBoolean checking = new AtomicBoolean();
            private volatile long nextCheck = System.nanoTime();
            private volatile boolean stopped;

            @Override
            public boolean getAsBoolean() {
                long now = System.nanoTime();
                if (!stopped && now - nextCheck >= 0 && checking.compareAndSet(false, true)) {
                    nextCheck = now + POLL_NANOS;
                    Thread.ofVirtual().name("stop-check").start(() -> {
                        try {
                            stopped = redis.exists(PREFIX + taskId);
                        } catch (RuntimeException e) {
                            LOG.fine(() -> "Stop check failed, asking again at the next poll: " + e);
                        } finally {
                            checking.set(false);
                        }
                    });
                }
                return stopped;
            }
        };
    }
}
