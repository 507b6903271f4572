package io.llmops.knowledge.control;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into segments of at most {@code chunkSize} tokens, cutting at the coarsest boundary that
 * works: paragraphs, lines, sentences (Chinese and English punctuation), clauses, words, and finally
 * single characters. Each separator stays at the end of the piece it closes, so no text is lost and
 * "句子。" keeps its full stop. Small pieces are then merged greedily up to {@code chunkSize}; each new
 * segment starts with the previous segment's trailing pieces worth at most {@code chunkOverlap} tokens.
 *
 * <p>Output depends only on the input and the settings (no randomness, no clock): ingestion keys
 * segments by (document, position) and relies on a re-run producing the same list.
 */
public final class RecursiveTextSplitter {

    public static final int MIN_CHUNK_SIZE = 50;
    public static final int MAX_CHUNK_SIZE = 2000;

    /** Separator levels, coarsest first; the separators of one level are tried together. */
    public static final List<List<String>> DEFAULT_LEVELS = List.of(
            List.of("\n\n"),
            List.of("\n"),
            List.of("。", "！", "？", "；", ". ", "! ", "? ", "; "),
            List.of("，", "、", ", "),
            List.of(" "),
            List.of(""));

    public record Chunk(int position, String content, int tokens) {
    }

    private final List<String> boundaries;
    private final List<List<String>> levels;
    private final int chunkSize;
    private final int chunkOverlap;
    private final TokenLength tokens;

    public RecursiveTextSplitter(int chunkSize, int chunkOverlap) {
        this(List.of(), chunkSize, chunkOverlap, TokenLength.o200k());
    }

    /**
     * @param separators the user's segment separators: hard boundaries, tried before anything else; the
     *                   separator itself is dropped (a marker like "***" is not content) and no segment
     *                   spans two sections. Sections still too long are split by the default levels.
     */
    public RecursiveTextSplitter(List<String> separators, int chunkSize, int chunkOverlap, TokenLength tokens) {
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk_size must be between " + MIN_CHUNK_SIZE + " and " + MAX_CHUNK_SIZE);
        }
        if (chunkOverlap < 0 || chunkOverlap >= chunkSize) {
            throw new IllegalArgumentException("chunk_overlap must be at least 0 and less than chunk_size");
        }
        this.boundaries = separators.stream().filter(sep -> sep != null && !sep.isEmpty()).distinct().toList();
        this.levels = DEFAULT_LEVELS;
        this.chunkSize = chunkSize;
        this.chunkOverlap = chunkOverlap;
        this.tokens = tokens;
    }

    public List<Chunk> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> sections = boundaries.isEmpty() ? List.of(text) : cut(text, boundaries);
        List<Chunk> chunks = new ArrayList<>();
        for (String section : sections) {
            String content = strip(section);
            if (content.isBlank()) {
                continue;
            }
            List<Piece> pieces = new ArrayList<>();
            pieces(content, 0, pieces);
            for (Chunk chunk : merge(pieces)) {
                chunks.add(new Chunk(chunks.size(), chunk.content(), chunk.tokens()));
            }
        }
        return chunks;
    }

    /** Drops the user's separator that closes a section. */
    private String strip(String section) {
        for (String boundary : boundaries) {
            if (section.endsWith(boundary)) {
                return section.substring(0, section.length() - boundary.length());
            }
        }
        return section;
    }

    /** A cut piece of text and its token count. */
    private record Piece(String text, int tokens) {
    }

    /**
     * Appends pieces of at most chunkSize tokens each (with their counts), cut at the first level that
     * occurs in the text. Whether a text fits is asked with {@link TokenLength#countUpTo}, so a long text
     * (the whole document, a long paragraph) is not tokenised to the end only to learn that it does not.
     */
    private void pieces(String text, int level, List<Piece> out) {
        int count = tokens.countUpTo(text, chunkSize);
        if (count <= chunkSize) {
            out.add(new Piece(text, count));
        } else {
            cutTooLong(text, level, out);
        }
    }

    private void cutTooLong(String text, int level, List<Piece> out) {
        int l = level;
        while (l < levels.size() - 1 && !occursIn(levels.get(l), text)) {
            l++;
        }
        boolean last = l == levels.size() - 1;
        for (String part : cut(text, levels.get(l))) {
            int count = last ? tokens.count(part) : tokens.countUpTo(part, chunkSize);
            if (last || count <= chunkSize) {
                out.add(new Piece(part, count));
            } else {
                cutTooLong(part, l + 1, out);
            }
        }
    }

    private static boolean occursIn(List<String> level, String text) {
        for (String separator : level) {
            if (separator.isEmpty() || text.contains(separator)) {
                return true;
            }
        }
        return false;
    }

    /** Cuts after every separator occurrence (separator kept with the piece before); "" means per character. */
    static List<String> cut(String text, List<String> separators) {
        List<String> parts = new ArrayList<>();
        if (separators.contains("")) {
            text.codePoints().forEach(cp -> parts.add(Character.toString(cp)));
            return parts;
        }
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            int matched = 0;
            for (String separator : separators) {
                if (separator.length() > matched && text.startsWith(separator, i)) {
                    matched = separator.length();
                }
            }
            if (matched > 0) {
                i += matched;
                parts.add(text.substring(start, i));
                start = i;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            parts.add(text.substring(start));
        }
        return parts;
    }

    private List<Chunk> merge(List<Piece> pieces) {
        int n = pieces.size();
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            counts[i] = pieces.get(i).tokens();
        }
        List<Chunk> chunks = new ArrayList<>();
        int start = 0;
        int end = 0;
        int fresh = 0; // first piece not yet in an emitted chunk
        long total = 0;
        while (true) {
            boolean atEnd = end == n;
            if (!atEnd && (total + counts[end] <= chunkSize || end == start)) {
                total += counts[end++];
                continue;
            }
            if (fresh >= end) {
                // the window holds only the previous chunk's overlap and the next piece does not fit: shed overlap
                if (atEnd) {
                    break;
                }
                total -= counts[start++];
                continue;
            }
            int close = end;
            String content = join(pieces, start, close);
            // BPE counts are not quite additive over concatenation: give back pieces until the segment fits
            int count = tokens.count(content);
            while (count > chunkSize && close - 1 > Math.max(start, fresh)) {
                close--;
                content = join(pieces, start, close);
                count = tokens.count(content);
            }
            if (!content.isEmpty()) {
                chunks.add(new Chunk(chunks.size(), content, count));
            }
            fresh = close;
            int next = close;
            long carried = 0;
            while (next - 1 > start && carried + counts[next - 1] <= chunkOverlap) {
                next--;
                carried += counts[next];
            }
            start = next;
            end = close;
            total = carried;
        }
        return chunks;
    }

    private static String join(List<Piece> pieces, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(pieces.get(i).text());
        }
        return sb.toString().strip();
    }
}
