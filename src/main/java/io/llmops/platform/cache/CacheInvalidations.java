package io.llmops.platform.cache;

import io.llmops.platform.redis.RedisClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells every instance which {@link ClusterCache} entries to drop. An invalidation runs once the writing
 * transaction has ended (so no instance can re-read the old row after dropping it): this instance drops the
 * entry at once and publishes {@code "<instance> <cache> <key>"} on a Redis channel that every instance
 * subscribes to. The subscription runs on its own connection and pings Redis every few seconds; while it is
 * not confirmed (start-up, Redis down, reconnecting) the caches serve nothing, and every (re)subscription
 * clears them, since messages may have been missed in between.
 */
@ApplicationScoped
public class CacheInvalidations {

    private static final Logger LOG = Logger.getLogger(CacheInvalidations.class.getName());
    private static final int PING_SECONDS = 5;
    private static final int READ_TIMEOUT_MILLIS = 3 * PING_SECONDS * 1000;

    @Inject
    RedisClient redisClient;

    @Inject
    UnifiedJedis redis;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    @Inject
    @ConfigProperty(name = "llmops.cache.max-entries", defaultValue = "10000")
    long maxEntries;

    @Inject
    @ConfigProperty(name = "llmops.cache.ttl-seconds", defaultValue = "300")
    long timeToLiveSeconds;

    private final String instance = UUID.randomUUID().toString();
    private final Map<String, ClusterCache<?>> caches = new ConcurrentHashMap<>();
    private volatile boolean listening;
    private volatile boolean closing;
    private volatile Subscriber subscriber;
    private String channel;

    @PostConstruct
    void init() {
        channel = "llmops:cache-invalidations:" + redisClient.database();
    }

    /** A new cache, known to every instance by {@code name}, bounded by the configured entries and lifetime. */
    public <V> ClusterCache<V> cache(String name) {
        return cache(name, maxEntries, Duration.ofSeconds(timeToLiveSeconds));
    }

    <V> ClusterCache<V> cache(String name, long maxEntries, Duration timeToLive) {
        ClusterCache<V> cache = new ClusterCache<>(name, maxEntries, timeToLive, this);
        if (caches.putIfAbsent(name, cache) != null) {
            throw new IllegalStateException("Two caches named " + name);
        }
        return cache;
    }

    boolean listening() {
        return listening;
    }

    /** For tests without Redis: as if the subscription were confirmed (true) or lost (false). */
    void listening(boolean heard) {
        listening = heard;
        if (!heard) {
            clearAll();
        }
    }

    /**
     * {@code here}: a write — dropped here, and published before the writer's response leaves (another instance
     * then has the message before the client's next request can reach it). Otherwise this instance already
     * updated its entry, and the message goes out without making anyone wait.
     */
    void invalidate(ClusterCache<?> cache, String key, boolean here) {
        afterTransaction(() -> {
            if (here) {
                cache.evict(key);
                publishNow(cache.name(), key);
            } else {
                publishLater(cache.name(), key);
            }
        });
    }

    private void afterTransaction(Runnable action) {
        if (transactions == null || transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            action.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.run();   // after a rollback too: dropping an unchanged entry costs one reload
            }
        });
    }

    private void publishLater(String cacheName, String key) {
        Thread.ofVirtual().name("llmops-cache-invalidation").start(() -> publishNow(cacheName, key));
    }

    private void publishNow(String cacheName, String key) {
        if (redis == null) {
            return;   // unit tests: one instance, no Redis
        }
        try {
            redis.publish(channel, instance + " " + cacheName + " " + key);
        } catch (RuntimeException e) {
            // the other instances keep their entry until it expires; a broken subscription clears them anyway
            LOG.log(Level.WARNING, "Cache invalidation of " + cacheName + " " + key + " not published: " + e);
        }
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        Subscriber started = new Subscriber();
        subscriber = started;
        Thread.ofVirtual().name("llmops-cache-invalidations").start(started::run);
    }

    @PreDestroy
    void stop() {
        closing = true;
        listening = false;
        Subscriber running = subscriber;
        if (running != null) {
            running.close();
        }
    }

    private void clearAll() {
        caches.values().forEach(ClusterCache::clear);
    }

    /** Subscribes, dispatches messages, pings; reconnects with back-off until the application stops. */
    private final class Subscriber extends JedisPubSub {
        private volatile Jedis connection;
        private volatile Thread pinger;
        private volatile boolean confirmed;

        void run() {
            long backoffMillis = 500;
            boolean failing = false;
            while (!closing) {
                confirmed = false;
                try (Jedis jedis = redisClient.dedicatedConnection(READ_TIMEOUT_MILLIS)) {
                    connection = jedis;
                    jedis.subscribe(this, channel);   // returns when unsubscribed; throws when the connection breaks
                } catch (RuntimeException e) {
                    if (!closing && (confirmed || !failing)) {
                        LOG.warning("Cache invalidations cannot be heard; in-memory caches are bypassed until Redis "
                                + "answers again: " + e);
                    }
                    failing = true;
                } finally {
                    lost();
                }
                if (confirmed) {
                    backoffMillis = 500;
                }
                if (!closing) {
                    sleep(backoffMillis);
                    backoffMillis = Math.min(backoffMillis * 2, 30_000);
                }
            }
        }

        @Override
        public void onSubscribe(String subscribed, int count) {
            clearAll();
            listening = true;
            confirmed = true;
            pinger = Thread.ofVirtual().name("llmops-cache-invalidations-ping").start(() -> {
                while (listening) {
                    sleep(PING_SECONDS * 1000L);
                    try {
                        if (listening) {
                            ping();   // keeps the read timeout from firing while the channel is quiet
                        }
                    } catch (RuntimeException e) {
                        return;   // the subscribing thread sees the broken connection too
                    }
                }
            });
        }

        @Override
        public void onMessage(String fromChannel, String message) {
            String[] parts = message.split(" ", 3);
            if (parts.length != 3 || parts[0].equals(instance)) {
                return;   // this instance dropped its entry before publishing
            }
            ClusterCache<?> cache = caches.get(parts[1]);
            if (cache != null) {
                cache.evict(parts[2]);
            }
        }

        private void lost() {
            listening = false;
            clearAll();
            Thread ping = pinger;
            if (ping != null) {
                ping.interrupt();
            }
        }

        void close() {
            try {
                if (isSubscribed()) {
                    unsubscribe();
                }
            } catch (RuntimeException e) {
                LOG.fine(() -> "Unsubscribe failed while stopping: " + e);
            }
            Jedis open = connection;
            if (open != null) {
                open.close();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
