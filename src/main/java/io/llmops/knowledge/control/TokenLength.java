package io.llmops.knowledge.control;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Segment sizes in tokens: OpenAI's o200k BPE via jtokkit, the same encoding agent's TokenCounter uses
 * (knowledge and agent share floor 3, so neither imports the other). An estimate for other models.
 */
@FunctionalInterface
public interface TokenLength {

    int count(String text);

    /** The o200k encoding; thread-safe, loaded once. */
    static TokenLength o200k() {
        return O200k::count;
    }

    final class O200k {
        private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

        private O200k() {
        }

        static int count(String text) {
            return text == null || text.isEmpty() ? 0 : ENCODING.countTokensOrdinary(text);
        }
    }
}
