package io.llmops.agent.boundary;

import io.llmops.platform.cache.CacheInvalidations;
import io.llmops.platform.cache.ClusterCache;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * "Stop this answer" across instances: the stop request sets a short-lived Redis key and drops the task's
 * "not stopped" entry from every instance's memory ({@link ClusterCache}, Redis pub/sub). The instance running
 * the turn answers its agent loop's checks from memory while that entry stands, and asks Redis (at most every
 * 200 ms, off the caller's thread) only once it is gone — or all the time while invalidations cannot be heard.
 * A turn that nobody stops then costs Redis nothing (it polled every 200 ms per turn before).
 */
@ApplicationScoped
public class StopSignals {

    private static final Logger LOG = Logger.getLogger(StopSignals.class.getName());
    private static final String PREFIX = "llmops:stop:";
    private static final long KEEP_SECONDS = 3600;
    private static final long POLL_NANOS = 200_000_000L;

    @Inject
    UnifiedJedis redis;

    @Inject
    CacheInvalidations invalidations;

    /** Tasks known not to be stopped, by task id. */
    private ClusterCache<Boolean> running;

    @PostConstruct
    void init() {
        running = invalidations.cache("running-tasks");
    }

    public void requestStop(UUID taskId) {
        redis.set(PREFIX + taskId, "1", SetParams.setParams().ex(KEEP_SECONDS));
        running.invalidate(taskId.toString());
    }

    /**
     * A stop check for one task that never waits for Redis: the answer comes from memory, or from the last
     * Redis check (a due one runs on its own virtual thread), so the model's token callbacks, which call this,
     * do not stall. Stays true once seen. A new task cannot have been stopped yet (its id is only known
     * from its first event), so it starts as known to run.
     */
    public BooleanSupplier watcher(UUID taskId) {
        String key = taskId.toString();
        running.put(key, Boolean.TRUE, running.ticket());
        return new BooleanSupplier() {
            private final AtomicBoolean checking = new AtomicBoolean();
            private volatile long nextCheck = System.nanoTime();
            private volatile boolean stopped;

            @Override
            public boolean getAsBoolean() {
                if (stopped || running.getIfPresent(key) != null) {
                    return stopped;
                }
                long now = System.nanoTime();
                if (now - nextCheck >= 0 && checking.compareAndSet(false, true)) {
                    nextCheck = now + POLL_NANOS;
                    long ticket = running.ticket();
                    Thread.ofVirtual().name("stop-check").start(() -> {
                        try {
                            if (redis.exists(PREFIX + taskId)) {
                                stopped = true;
                            } else {
                                running.put(key, Boolean.TRUE, ticket);
                            }
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
