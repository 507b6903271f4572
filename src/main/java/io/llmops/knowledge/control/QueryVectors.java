package io.llmops.knowledge.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Recently embedded queries, in memory: hit testing repeats a query while its owner tries strategies,
 * k and thresholds, and an agent's searches repeat common questions, so the same text need not go to
 * the model again (Dify keeps query embeddings in Redis for ten minutes for the same reason). Bounded
 * by entries and age; keyed by the caller's scope (e.g. workspace and model id) and the exact text.
 * Unlike {@link EmbeddingCache}, nothing is persisted: most queries are one-off texts.
 */
public final class QueryVectors {

    public static final int DEFAULT_ENTRIES = 1_000;
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    private record Cached(float[] vector, Instant at) {
    }

    private final int maxEntries;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> entries;

    public QueryVectors(int maxEntries, Duration ttl, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("at least one entry");
        }
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > QueryVectors.this.maxEntries;
            }
        };
    }

    public QueryVectors() {
        this(DEFAULT_ENTRIES, DEFAULT_TTL, Clock.systemUTC());
    }

    /** The cached vector of this text in this scope, else {@code embed}'s (then cached); a copy either way. */
    public float[] get(String scope, String text, Supplier<float[]> embed) {
        String key = scope + '\n' + text;
        Instant now = clock.instant();
        synchronized (entries) {
            Cached hit = entries.get(key);
            if (hit != null && hit.at().plus(ttl).isAfter(now)) {
                return hit.vector().clone();
            }
        }
        // embedded outside the lock: two threads may embed the same text once each, never wait on each other
        float[] vector = embed.get();
        synchronized (entries) {
            entries.put(key, new Cached(vector.clone(), now));
        }
        return vector;
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
