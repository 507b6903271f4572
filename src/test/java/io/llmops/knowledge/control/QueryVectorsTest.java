package io.llmops.knowledge.control;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class QueryVectorsTest {

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger embedded = new AtomicInteger();

    private float[] embed() {
        return new float[] {embedded.incrementAndGet()};
    }

    @Test
    void aRepeatedQueryOfTheSameModelIsEmbeddedOnce() {
        QueryVectors cache = new QueryVectors(10, Duration.ofMinutes(10), clock);
        float[] first = cache.get("local", "highest mountain", this::embed);
        first[0] = 99; // a caller changing its copy changes nothing cached
        assertThat(cache.get("local", "highest mountain", this::embed)).containsExactly(1);
        assertThat(embedded).hasValue(1);

        assertThat(cache.get("openai:text-embedding-3-small", "highest mountain", this::embed)).containsExactly(2);
        assertThat(cache.get("local", "highest mountain ", this::embed)).containsExactly(3);
    }

    @Test
    void oldEntriesAreEmbeddedAgainAndTheLeastRecentlyUsedGoFirst() {
        QueryVectors cache = new QueryVectors(2, Duration.ofMinutes(10), clock);
        cache.get("m", "a", this::embed);
        cache.get("m", "b", this::embed);
        cache.get("m", "a", this::embed);      // a is now the most recent
        cache.get("m", "c", this::embed);      // b goes
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("m", "a", this::embed)).containsExactly(1);
        assertThat(cache.get("m", "b", this::embed)).containsExactly(4);

        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertThat(cache.get("m", "b", this::embed)).containsExactly(5);
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-26T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
