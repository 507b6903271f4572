package io.llmops.agent.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Masks review keywords in a streamed answer, case-insensitively, with one '*' per character. A
 * keyword may be split across chunks, so the last (longest keyword − 1) characters are held back
 * until the next chunk or {@link #flush()} shows whether they start a keyword. Not thread-safe:
 * one masker per turn.
 */
public final class KeywordMasker {

    private final List<String> keywords;
    private final int holdBack;
    private final StringBuilder pending = new StringBuilder();

    public KeywordMasker(List<String> keywords) {
        List<String> usable = new ArrayList<>();
        for (String keyword : keywords == null ? List.<String>of() : keywords) {
            if (keyword != null && !keyword.isBlank()) {
                usable.add(keyword.strip().toLowerCase(Locale.ROOT));
            }
        }
        // longest first, so "badword" masks before "bad"
        usable.sort((a, b) -> b.length() - a.length());
        this.keywords = List.copyOf(usable);
        this.holdBack = usable.isEmpty() ? 0 : usable.getFirst().length() - 1;
    }

    public static String maskAll(String text, List<String> keywords) {
        KeywordMasker masker = new KeywordMasker(keywords);
        return masker.push(text) + masker.flush();
    }

    public boolean isActive() {
        return !keywords.isEmpty();
    }

    /** Adds a chunk; returns the text that can be emitted now. */
    public String push(String chunk) {
        if (keywords.isEmpty()) {
            return chunk;
        }
        pending.append(chunk);
        mask(pending);
        int emit = Math.max(0, pending.length() - holdBack);
        String out = pending.substring(0, emit);
        pending.delete(0, emit);
        return out;
    }

    /** The held-back rest, at the end of the answer. */
    public String flush() {
        mask(pending);
        String out = pending.toString();
        pending.setLength(0);
        return out;
    }

    private void mask(StringBuilder text) {
        String lower = text.toString().toLowerCase(Locale.ROOT);
        for (String keyword : keywords) {
            int from = 0;
            int at;
            while ((at = lower.indexOf(keyword, from)) >= 0) {
                for (int i = at; i < at + keyword.length(); i++) {
                    text.setCharAt(i, '*');
                }
                lower = text.toString().toLowerCase(Locale.ROOT);
                from = at + keyword.length();
            }
        }
    }

    /** True when the text contains any keyword (input review). */
    public boolean matches(String text) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return keywords.stream().anyMatch(lower::contains);
    }
}
