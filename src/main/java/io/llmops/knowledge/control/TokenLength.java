package io.llmops.knowledge.control;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Segment sizes in tokens: OpenAI's o200k BPE via jtokkit, the same encoding agent's TokenCounter uses
 * (knowledge and agent share floor 3, so neither imports the other). An estimate for other models.
 */
@FunctionalInterface
public interface TokenLength {

    int count(String text);

    /**
     * The count when it is at most {@code limit}, else any number above {@code limit}: whether a text
     * fits, without reading all of a long one. The default counts everything.
     */
    default int countUpTo(String text, int limit) {
        return count(text);
    }

    /** The o200k encoding; thread-safe, loaded once. */
    static TokenLength o200k() {
        return new TokenLength() {
            @Override
            public int count(String text) {
                return O200k.count(text);
            }

            @Override
            public int countUpTo(String text, int limit) {
                return O200k.countUpTo(text, limit);
            }
        };
    }

    final class O200k {
        private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

        private O200k() {
        }

        static int count(String text) {
            return text == null || text.isEmpty() ? 0 : ENCODING.countTokensOrdinary(text);
        }

        /** jtokkit stops encoding once it has {@code limit + 1} tokens. */
        static int countUpTo(String text, int limit) {
            if (text == null || text.isEmpty()) {
                return 0;
            }
            if (limit < 0 || limit == Integer.MAX_VALUE) {
                return count(text);
            }
            EncodingResult result = ENCODING.encodeOrdinary(text, limit + 1);
            return result.isTruncated() ? limit + 1 : result.getTokens().size();
        }
    }
}
