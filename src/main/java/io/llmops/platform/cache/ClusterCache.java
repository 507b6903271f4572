package io.llmops.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A per-instance cache of database reads that every instance drops an entry of as soon as any instance
 * invalidates it ({@link CacheInvalidations}: Redis pub/sub, after the writing transaction commits). While
 * this instance cannot hear invalidations (Redis down, subscription not yet confirmed) nothing is served
 * from memory. Entries also expire after {@code timeToLive}, a bound on damage from a lost message.
 * <p>
 * A read that raced an invalidation is not kept: {@link #ticket} is taken before reading the source and
 * {@link #put} drops the value again when an invalidation arrived meanwhile.
 */
public final class ClusterCache<V> {

    private final String name;
    private final Cache<String, V> entries;
    private final AtomicLong epoch = new AtomicLong();
    private final CacheInvalidations invalidations;

    ClusterCache(String name, long maxEntries, Duration timeToLive, CacheInvalidations invalidations) {
        this.name = name;
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(timeToLive).build();
        this.invalidations = invalidations;
    }

    public String name() {
        return name;
    }

    /** The cached value, or null. */
    public V getIfPresent(String key) {
        return invalidations.listening() ? entries.getIfPresent(key) : null;
    }

    /** Taken before reading what {@link #put} will store. */
    public long ticket() {
        return epoch.get();
    }

    /** Keeps {@code value} unless an invalidation arrived since {@code ticket} (or none can be heard now). */
    public void put(String key, V value, long ticket) {
        if (value == null || !invalidations.listening()) {
            return;
        }
        entries.put(key, value);
        // checked after the put: an invalidation between a check and the put would otherwise be lost
        if (epoch.get() != ticket || !invalidations.listening()) {
            entries.invalidate(key);
        }
    }

    /** The cached value, else {@code load}'s (kept when no invalidation raced it). */
    public V get(String key, Supplier<V> load) {
        V cached = getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        long ticket = ticket();
        V loaded = load.get();
        put(key, loaded, ticket);
        return loaded;
    }

    /**
     * Replaces a present entry in place (this instance wrote the change; see {@link #invalidateElsewhere});
     * {@code change} answering null drops it. A read in flight is not kept: it may predate the change.
     */
    public void update(String key, UnaryOperator<V> change) {
        epoch.incrementAndGet();
        entries.asMap().computeIfPresent(key, (k, old) -> change.apply(old));
    }

    /** Drops the entry here and on every other instance, once the current transaction (if any) has ended. */
    public void invalidate(String key) {
        invalidations.invalidate(this, key, true);
    }

    /** Drops the entry on the other instances only, once the current transaction (if any) has ended. */
    public void invalidateElsewhere(String key) {
        invalidations.invalidate(this, key, false);
    }

    void evict(String key) {
        epoch.incrementAndGet();
        entries.invalidate(key);
    }

    void clear() {
        epoch.incrementAndGet();
        entries.invalidateAll();
    }
}
