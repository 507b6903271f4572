package io.llmops.knowledge.control;

/** How far an uploaded office file (a ZIP) may unpack: bytes actually inflated, and entries. */
public record ArchiveLimits(long maxInflatedBytes, int maxEntries) {

    public ArchiveLimits {
        if (maxInflatedBytes < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }
}
