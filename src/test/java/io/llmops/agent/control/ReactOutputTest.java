package io.llmops.agent.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReactOutputTest {

    @Test
    void actionWithJsonInput() {
        ReactOutput out = ReactOutput.parse("Thought: I need the weather.\nAction: weather\nAction Input: {\"city\": \"Paris\"}");

        assertThat(out.thought()).isEqualTo("I need the weather.");
        assertThat(out.action()).isEqualTo("weather");
        assertThat(out.actionInput()).isEqualTo("{\"city\": \"Paris\"}");
        assertThat(out.finalAnswer()).isNull();
    }

    @Test
    void lenientAboutCaseEmphasisFencesAndAHallucinatedObservation() {
        ReactOutput out = ReactOutput.parse("""
                **Thought:** look it up
                **Action:** `weather`
                ACTION INPUT:
                ```json
                {"city": "Oslo"}
                ```
                Observation: sunny (made up)
                Final Answer: sunny""");

        assertThat(out.action()).isEqualTo("weather");
        assertThat(out.actionInput()).isEqualTo("{\"city\": \"Oslo\"}");
        assertThat(out.thought()).contains("look it up");
    }

    @Test
    void finalAnswerWithItsThought() {
        ReactOutput out = ReactOutput.parse("Thought: I know this.\nFinal Answer: Paris is the capital.\nIt has 2M people.");

        assertThat(out.isAction()).isFalse();
        assertThat(out.thought()).isEqualTo("I know this.");
        assertThat(out.finalAnswer()).isEqualTo("Paris is the capital.\nIt has 2M people.");
    }

    @Test
    void finalAnswerOnTheSameLineAsTheThought() {
        ReactOutput out = ReactOutput.parse("Thought: easy. Final Answer: 4");

        assertThat(out.finalAnswer()).isEqualTo("4");
        assertThat(out.thought()).isEqualTo("easy.");
    }

    @Test
    void jsonActionBlob() {
        ReactOutput out = ReactOutput.parse("I will call it.\n```json\n{\"action\": \"search\", \"action_input\": {\"q\": \"java\"}}\n```");

        assertThat(out.action()).isEqualTo("search");
        assertThat(out.actionInput()).isEqualTo("{\"q\":\"java\"}");
    }

    @Test
    void jsonFinalAnswerBlob() {
        ReactOutput out = ReactOutput.parse("{\"action\": \"Final Answer\", \"action_input\": \"42\"}");

        assertThat(out.isAction()).isFalse();
        assertThat(out.finalAnswer()).isEqualTo("42");
    }

    @Test
    void textWithoutTheFormatIsNeitherActionNorAnswer() {
        ReactOutput out = ReactOutput.parse("Hello! How can I help?");

        assertThat(out.isAction()).isFalse();
        assertThat(out.finalAnswer()).isNull();
        assertThat(ReactOutput.thoughtOf("Thought: just musing")).isEqualTo("just musing");
    }

    @Test
    void toolNameIsTheFirstIdentifier() {
        assertThat(ReactOutput.parse("Action: [weather]\nAction Input: {}").action()).isEqualTo("weather");
        assertThat(ReactOutput.parse("Action: get_time(now)\nAction Input: {}").action()).isEqualTo("get_time");
    }
}
