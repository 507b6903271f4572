package io.llmops.agent.control;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestedQuestionsTest {

    @Test
    void plainJsonArrayGivesItsQuestions() {
        assertThat(SuggestedQuestions.parse("[\"What is A?\", \"What is B?\", \"What is C?\"]"))
                .containsExactly("What is A?", "What is B?", "What is C?");
    }

    @Test
    void fencedJsonIsRead() {
        assertThat(SuggestedQuestions.parse("```json\n[\"One?\", \"Two?\", \"Three?\"]\n```"))
                .containsExactly("One?", "Two?", "Three?");
    }

    @Test
    void jsonInsideProseIsFoundEvenAfterOtherBrackets() {
        String text = "Sure [as requested]! Here are some questions: [\"How old is it?\", \"Who built it?\"] Hope that helps.";
        assertThat(SuggestedQuestions.parse(text)).containsExactly("How old is it?", "Who built it?");
    }

    @Test
    void numberedLinesAreAcceptedWhenThereIsNoJson() {
        String text = """
                Here are three follow-ups:
                1. What is the weather tomorrow?
                2) "Should I bring an umbrella?"
                3: **Where can I buy one?**
                """;
        assertThat(SuggestedQuestions.parse(text))
                .containsExactly("What is the weather tomorrow?", "Should I bring an umbrella?", "Where can I buy one?");
    }

    @Test
    void bulletedLinesAreAccepted() {
        assertThat(SuggestedQuestions.parse("- First?\n* Second?\n• Third?")).containsExactly("First?", "Second?", "Third?");
    }

    @Test
    void garbageGivesAnEmptyList() {
        assertThat(SuggestedQuestions.parse("I am not sure what you mean.")).isEmpty();
        assertThat(SuggestedQuestions.parse("[\"unterminated, {oops")).isEmpty();
        assertThat(SuggestedQuestions.parse("{\"questions\": 3}")).isEmpty();
    }

    @Test
    void emptyOrMissingAnswerGivesAnEmptyList() {
        assertThat(SuggestedQuestions.parse(null)).isEmpty();
        assertThat(SuggestedQuestions.parse("")).isEmpty();
        assertThat(SuggestedQuestions.parse("   \n ")).isEmpty();
        assertThat(SuggestedQuestions.parse("[]")).isEmpty();
    }

    @Test
    void atMostThreeAreKept() {
        assertThat(SuggestedQuestions.parse("[\"a?\", \"b?\", \"c?\", \"d?\", \"e?\"]")).containsExactly("a?", "b?", "c?");
        assertThat(SuggestedQuestions.parse("1. a?\n2. b?\n3. c?\n4. d?")).containsExactly("a?", "b?", "c?");
    }

    @Test
    void nonStringsBlanksDuplicatesAndOverlongOnesAreDropped() {
        String tooLong = "x".repeat(201);
        assertThat(SuggestedQuestions.parse("[1, null, {\"q\": \"x\"}, \"  padded?  \", \"\", \"padded?\", \""
                + tooLong + "\", true, \"last?\"]")).containsExactly("padded?", "last?");
        assertThat(SuggestedQuestions.parse("[1, 2, 3]")).isEmpty();
        assertThat(SuggestedQuestions.parse("[\"" + "y".repeat(200) + "\"]")).singleElement()
                .satisfies(q -> assertThat(q).hasSize(200));
    }

    @Test
    void longBracketGarbageIsRefusedQuickly() {
        String garbage = "[".repeat(5_000) + "]".repeat(5_000);
        long started = System.nanoTime();
        assertThat(SuggestedQuestions.parse(garbage)).isEmpty();
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
    }

    private static ChatModel answering(String text, List<List<ChatMessage>> seen) {
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                seen.add(request.messages());
                return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
            }
        };
    }

    @Test
    void suggestAsksTheModelWithTheTranscript() {
        List<List<ChatMessage>> seen = new java.util.ArrayList<>();
        List<String> questions = new SuggestedQuestions(answering("[\"Why?\", \"How?\", \"When?\"]", seen))
                .suggest(List.of(new MemoryWindow.Round("What is Java?", "A language.")));

        assertThat(questions).containsExactly("Why?", "How?", "When?");
        assertThat(((UserMessage) seen.getFirst().getLast()).singleText())
                .isEqualTo("User: What is Java?\nAssistant: A language.");
    }

    @Test
    void aFailingModelGivesAnEmptyList() {
        ChatModel failing = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                throw new IllegalStateException("provider down");
            }
        };
        assertThat(new SuggestedQuestions(failing).suggest(List.of(new MemoryWindow.Round("q", "a")))).isEmpty();
    }
}
