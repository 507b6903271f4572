package io.llmops.knowledge.control;

import java.util.Locale;

/** How a query finds segments: by meaning (vectors), by words (BM25), or both fused. */
public enum RetrievalStrategy {
    SEMANTIC, FULL_TEXT, HYBRID;

    /** The API's snake_case name: semantic, full_text, hybrid. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RetrievalStrategy fromApiName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
