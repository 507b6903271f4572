package io.llmops.knowledge.control;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A segment's keywords: its most frequent words after Chinese/English analysis and stop-word removal,
 * ties broken by first occurrence (deterministic). Single characters and bare numbers are skipped:
 * they are rarely what a person would call a keyword.
 */
public final class KeywordExtractor {

    public static final int DEFAULT_LIMIT = 10;

    private final Analyzer analyzer = TextAnalyzers.keywords();

    public List<String> extract(String text) {
        return extract(text, DEFAULT_LIMIT);
    }

    public List<String> extract(String text, int limit) {
        if (text == null || text.isBlank() || limit <= 0) {
            return List.of();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (TokenStream stream = analyzer.tokenStream("content", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String word = term.toString();
                if (word.codePointCount(0, word.length()) > 1 && !isNumber(word)) {
                    counts.merge(word, 1, Integer::sum);
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // stable sort keeps first-occurrence order among equal counts
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
        return entries.stream().limit(limit).map(Map.Entry::getKey).toList();
    }

    private static boolean isNumber(String word) {
        return word.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ',');
    }
}
