package io.llmops.agent.control;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryWindowTest {

    private final TokenCounter tokens = new TokenCounter();
    private final MemoryWindow window = new MemoryWindow(tokens);
    private final List<MemoryWindow.Round> history = IntStream.rangeClosed(1, 6)
            .mapToObj(i -> new MemoryWindow.Round("question " + i, "answer " + i)).toList();

    @Test
    void keepsOnlyTheLastDialogRoundsInOrder() {
        List<ChatMessage> selected = window.select(history, 2, 10_000);

        assertThat(selected).extracting(TokenCounter::textOf)
                .containsExactly("question 5", "answer 5", "question 6", "answer 6");
        assertThat(selected.get(0)).isInstanceOf(UserMessage.class);
        assertThat(selected.get(1)).isInstanceOf(AiMessage.class);
    }

    @Test
    void zeroRoundsMeansNoMemory() {
        assertThat(window.select(history, 0, 10_000)).isEmpty();
    }

    @Test
    void dropsOldestRoundsToFitTheTokenBudget() {
        int oneRound = tokens.count(UserMessage.from("question 6")) + tokens.count(AiMessage.from("answer 6"));

        List<ChatMessage> selected = window.select(history, 6, oneRound * 2 + 1);

        assertThat(selected).extracting(TokenCounter::textOf)
                .containsExactly("question 5", "answer 5", "question 6", "answer 6");
    }

    @Test
    void tokenCountsAreRealBpeCounts() {
        assertThat(tokens.count("hello world")).isEqualTo(2);
        assertThat(tokens.count("")).isZero();
    }
}
