package io.llmops.agent.control;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationSummarizerTest {

    private final List<ChatRequest> requests = new ArrayList<>();

    private ChatModel answering(String text) {
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                requests.add(request);
                return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
            }
        };
    }

    @Test
    void mergesThePreviousSummaryWithTheLatestRound() {
        String summary = new ConversationSummarizer(answering("  The user, Ann, plans a trip to Rome.  "))
                .summarize("The user is called Ann.", "I want to visit Rome", "Rome is lovely in May.");

        assertThat(summary).isEqualTo("The user, Ann, plans a trip to Rome.");
        String sent = ((UserMessage) requests.getFirst().messages().getLast()).singleText();
        assertThat(sent).contains("The user is called Ann.", "User: I want to visit Rome", "Assistant: Rome is lovely in May.");
    }

    @Test
    void firstSummaryHasNoPreviousOne() {
        new ConversationSummarizer(answering("x")).summarize(null, "q", "a");

        assertThat(((UserMessage) requests.getFirst().messages().getLast()).singleText()).contains("(none yet)");
    }

    @Test
    void anEmptyAnswerIsAFailureSoTheOldSummaryStays() {
        assertThatThrownBy(() -> new ConversationSummarizer(answering(" ")).summarize("old", "q", "a"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRamblingSummaryIsCut() {
        assertThat(new ConversationSummarizer(answering("z".repeat(10_000))).summarize(null, "q", "a"))
                .hasSize(ConversationSummarizer.MAX_SUMMARY);
    }

    @Test
    void systemPromptCarriesTheSummaryOnlyWhenThereIsOne() {
        assertThat(ConversationSummarizer.systemPrompt("Be brief.", "Ann likes Rome."))
                .isEqualTo("Be brief.\n\nSummary of the conversation so far:\nAnn likes Rome.");
        assertThat(ConversationSummarizer.systemPrompt("Be brief.", null)).isEqualTo("Be brief.");
        assertThat(ConversationSummarizer.systemPrompt("Be brief.", "  ")).isEqualTo("Be brief.");
    }
}
