package io.llmops.agent.control;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

/**
 * Counts tokens with OpenAI's o200k BPE (jtokkit). Other providers tokenize differently, so counts
 * are an estimate for them; the memory window keeps a margin for that.
 */
public final class TokenCounter {

    /** Per-message framing overhead in OpenAI's chat format. */
    private static final int PER_MESSAGE = 4;
    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : ENCODING.countTokensOrdinary(text);
    }

    public int count(ChatMessage message) {
        return PER_MESSAGE + count(textOf(message));
    }

    static String textOf(ChatMessage message) {
        return switch (message) {
            case SystemMessage system -> system.text();
            case UserMessage user -> user.hasSingleText() ? user.singleText() : user.contents().toString();
            case AiMessage ai -> (ai.text() == null ? "" : ai.text())
                    + (ai.hasToolExecutionRequests() ? ai.toolExecutionRequests().toString() : "");
            case ToolExecutionResultMessage result -> result.text();
            default -> message.toString();
        };
    }
}
