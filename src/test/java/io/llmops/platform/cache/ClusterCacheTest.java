package io.llmops.platform.cache;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterCacheTest {

    private final CacheInvalidations invalidations = new CacheInvalidations();
    private ClusterCache<String> cache;
    private final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void listening() {
        invalidations.listening(true);
        cache = invalidations.cache("test", 100, Duration.ofMinutes(5));
    }

    private String load(String value) {
        loads.incrementAndGet();
        return value;
    }

    @Test
    void secondReadComesFromMemory() {
        assertThat(cache.get("k", () -> load("v1"))).isEqualTo("v1");
        assertThat(cache.get("k", () -> load("v2"))).isEqualTo("v1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void invalidatedEntryIsReadAgain() {
        cache.get("k", () -> load("v1"));
        cache.invalidate("k");

        assertThat(cache.get("k", () -> load("v2"))).isEqualTo("v2");
    }

    @Test
    void aReadThatRacedAnInvalidationIsNotKept() {
        String loaded = cache.get("k", () -> {
            cache.invalidate("k");   // another request's write lands while this one reads the old row
            return load("old");
        });

        assertThat(loaded).isEqualTo("old");   // the racing read answers what it read...
        assertThat(cache.getIfPresent("k")).isNull();   // ...but the next one reads again
    }

    @Test
    void anInvalidationFromAnotherInstanceDropsTheEntry() {
        cache.get("k", () -> load("v1"));
        cache.evict("k");   // what the subscriber does for another instance's message

        assertThat(cache.getIfPresent("k")).isNull();
    }

    @Test
    void nothingIsServedWhileInvalidationsCannotBeHeard() {
        cache.get("k", () -> load("v1"));
        invalidations.listening(false);

        assertThat(cache.get("k", () -> load("v2"))).isEqualTo("v2");
        assertThat(cache.get("k", () -> load("v3"))).isEqualTo("v3");
        invalidations.listening(true);
        assertThat(cache.get("k", () -> load("v4"))).isEqualTo("v4");   // cleared when the subscription was lost
    }

    @Test
    void updateReplacesOnlyAPresentEntry() {
        cache.update("k", old -> old + "!");
        assertThat(cache.getIfPresent("k")).isNull();

        cache.get("k", () -> load("v1"));
        cache.update("k", old -> old + "!");
        assertThat(cache.getIfPresent("k")).isEqualTo("v1!");
    }

    @Test
    void aReadThatRacedALocalUpdateIsNotKept() {
        cache.get("k", () -> {
            cache.update("k", old -> old + "!");   // this instance changes the entry while another read is in flight
            return load("read before the change");
        });

        assertThat(cache.getIfPresent("k")).isNull();
    }

    @Test
    void twoCachesMayNotShareAName() {
        assertThatThrownBy(() -> invalidations.cache("test", 1, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class);
    }
}
