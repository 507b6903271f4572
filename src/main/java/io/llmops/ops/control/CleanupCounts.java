package io.llmops.ops.control;

import java.util.Map;
import java.util.TreeMap;

/** What a clean-up removed (or failed to), by kind: "uploads", "files", "segments", "file_errors"… Not thread-safe. */
public final class CleanupCounts {

    private final Map<String, Long> counts = new TreeMap<>();

    public void add(String kind, long n) {
        if (n != 0) {
            counts.merge(kind, n, Long::sum);
        }
    }

    public long get(String kind) {
        return counts.getOrDefault(kind, 0L);
    }

    void addAll(CleanupCounts other) {
        other.counts.forEach(this::add);
    }

    public Map<String, Long> asMap() {
        return Map.copyOf(counts);
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}
