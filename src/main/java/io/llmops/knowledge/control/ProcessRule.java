package io.llmops.knowledge.control;

import java.util.List;
import java.util.Set;

/**
 * How a document is turned into segments: the pre-process rules that clean its text and the split
 * settings (separators, chunk size and overlap in tokens). Stored with the document, so a relaunched
 * ingestion cuts exactly the same segments.
 *
 * <p>{@link #AUTOMATIC}: extra spaces removed, URLs and e-mails kept, the splitter's own separators,
 * 200 tokens with 20 overlapping (the seed's rule; all-MiniLM-L6-v2, the default embedding model, reads
 * at most 256 word pieces, so longer segments would be embedded only in part).
 */
public record ProcessRule(Set<String> enabledRules, List<String> separators, int chunkSize, int chunkOverlap) {

    public static final int AUTOMATIC_CHUNK_SIZE = 200;
    public static final int AUTOMATIC_CHUNK_OVERLAP = 20;
    public static final ProcessRule AUTOMATIC = new ProcessRule(Set.of(TextCleaner.REMOVE_EXTRA_SPACE), List.of(),
            AUTOMATIC_CHUNK_SIZE, AUTOMATIC_CHUNK_OVERLAP);

    public ProcessRule {
        enabledRules = Set.copyOf(enabledRules);
        separators = List.copyOf(separators);
        if (!TextCleaner.RULES.containsAll(enabledRules)) {
            throw new IllegalArgumentException("unknown pre-process rule in " + enabledRules);
        }
        if (chunkSize < RecursiveTextSplitter.MIN_CHUNK_SIZE || chunkSize > RecursiveTextSplitter.MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk_size must be between " + RecursiveTextSplitter.MIN_CHUNK_SIZE
                    + " and " + RecursiveTextSplitter.MAX_CHUNK_SIZE);
        }
        if (chunkOverlap < 0 || chunkOverlap >= chunkSize) {
            throw new IllegalArgumentException("chunk_overlap must be at least 0 and less than chunk_size");
        }
    }

    public TextCleaner cleaner() {
        return new TextCleaner(enabledRules);
    }

    public RecursiveTextSplitter splitter() {
        return new RecursiveTextSplitter(separators, chunkSize, chunkOverlap, TokenLength.o200k());
    }

    /** The cleaned and split text: the same list for the same text and rule, every time. */
    public List<RecursiveTextSplitter.Chunk> segments(String text) {
        return splitter().split(cleaner().clean(text));
    }
}
