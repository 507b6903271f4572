package io.llmops.agent.control;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Short-term memory: the last {@code dialogRounds} question/answer rounds of the conversation,
 * dropping the oldest ones until they fit the token budget left after the system prompt, the new
 * query and room for the answer.
 */
public final class MemoryWindow {

    /** One past exchange of the conversation. */
    public record Round(String query, String answer) {
    }

    private final TokenCounter tokens;

    public MemoryWindow(TokenCounter tokens) {
        this.tokens = tokens;
    }

    /** @param history oldest first */
    public List<ChatMessage> select(List<Round> history, int dialogRounds, int tokenBudget) {
        List<ChatMessage> selected = new ArrayList<>();
        if (dialogRounds <= 0 || history.isEmpty() || tokenBudget <= 0) {
            return selected;
        }
        int used = 0;
        for (int i = history.size() - 1; i >= 0 && history.size() - i <= dialogRounds; i--) {
            Round round = history.get(i);
            UserMessage user = UserMessage.from(round.query());
            AiMessage ai = AiMessage.from(round.answer() == null ? "" : round.answer());
            int cost = tokens.count(user) + tokens.count(ai);
            if (used + cost > tokenBudget) {
                break;
            }
            used += cost;
            selected.addFirst(ai);
            selected.addFirst(user);
        }
        return selected;
    }
}
