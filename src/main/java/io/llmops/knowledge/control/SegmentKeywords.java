package io.llmops.knowledge.control;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A segment's keywords as given by a person: trimmed, lower-cased, blanks and duplicates dropped, order kept. */
public final class SegmentKeywords {

    private SegmentKeywords() {
    }

    public static List<String> clean(List<String> keywords) {
        if (keywords == null) {
            return List.of();
        }
        Set<String> kept = new LinkedHashSet<>();
        for (String keyword : keywords) {
            if (keyword != null && !keyword.isBlank()) {
                kept.add(keyword.strip().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(kept);
    }
}
