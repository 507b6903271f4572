package io.llmops.app.control;

/** Names a conversation from its first query, cheaply and without asking a model. */
public final class ConversationNames {

    public static final int MAX_LENGTH = 40;
    private static final String ELLIPSIS = "…";

    private ConversationNames() {
    }

    /** The query with its whitespace collapsed, cut to {@value #MAX_LENGTH} characters and marked "…" when cut. */
    public static String fromQuery(String query) {
        if (query == null) {
            return "";
        }
        String flat = query.strip().replaceAll("\\s+", " ");
        if (flat.codePointCount(0, flat.length()) <= MAX_LENGTH) {
            return flat;
        }
        // cut by code points so an emoji or other surrogate pair is never split in half
        String cut = flat.substring(0, flat.offsetByCodePoints(0, MAX_LENGTH)).strip();
        return cut + ELLIPSIS;
    }
}
