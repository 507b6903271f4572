package io.llmops.agent.control;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.llmops.agent.control.ScriptedStreamingModel.text;
import static org.assertj.core.api.Assertions.assertThat;

class ReactLoopTest {

    private final List<String> deltas = new CopyOnWriteArrayList<>();
    private final List<AgentThought> thoughts = new CopyOnWriteArrayList<>();
    private final List<String> inputs = new CopyOnWriteArrayList<>();
    private final AgentEvents events = new AgentEvents() {
        @Override
        public void answer(String delta) {
            deltas.add(delta);
        }

        @Override
        public void thought(AgentThought thought) {
            thoughts.add(thought);
        }
    };

    private AgentTool weather() {
        ToolSpecification spec = ToolSpecification.builder().name("weather").description("Current weather of a city.")
                .parameters(JsonObjectSchema.builder().addStringProperty("city", "the city's name").required("city").build())
                .build();
        return new AgentTool() {
            @Override
            public ToolSpecification specification() {
                return spec;
            }

            @Override
            public String execute(String argumentsJson) {
                inputs.add(argumentsJson);
                if (argumentsJson.contains("Atlantis")) {
                    throw new IllegalArgumentException("unknown city");
                }
                return "sunny, 21C";
            }
        };
    }

    private AgentRequest request(String query, int maxIterations) {
        return new AgentRequest("You are helpful.", List.of(), query, List.of(weather()), maxIterations,
                AgentRequest.Review.NONE, null);
    }

    @Test
    void toolDescriptionsAndTheFormatGoIntoTheSystemPrompt() {
        ScriptedStreamingModel model = new ScriptedStreamingModel().then(text("Final Answer: hi"));

        new ReactLoop(model).run(request("hello", 10), events);

        String system = ((SystemMessage) model.requests.getFirst().messages().getFirst()).text();
        assertThat(system).startsWith("You are helpful.\n\nYou can use these tools:");
        assertThat(system).contains("- weather: Current weather of a city. Input: {\"city\": string (required, the city's name)}");
        assertThat(system).contains("Action Input:", "Final Answer:", "one of [weather]");
        assertThat(model.requests.getFirst().toolSpecifications()).isEmpty();
        assertThat(model.requests.getFirst().parameters().stopSequences()).containsExactly("\nObservation:");
    }

    @Test
    void actionRunsTheToolAndOnlyTheFinalAnswerStreams() {
        ScriptedStreamingModel model = new ScriptedStreamingModel()
                .then(text("Thought: I need the weather.\nAct", "ion: weather\nAction Input: {\"city\": \"Paris\"}"))
                .then(text("Thought: I know it now.\nFinal Ans", "wer: It is ", "sunny in Paris."));

        AgentResult result = new ReactLoop(model).run(request("Weather in Paris?", 10), events);

        assertThat(result.status()).isEqualTo(AgentResult.Status.NORMAL);
        assertThat(result.answer()).isEqualTo("It is sunny in Paris.");
        assertThat(String.join("", deltas)).isEqualTo("It is sunny in Paris.");
        assertThat(deltas).noneMatch(d -> d.contains("Thought") || d.contains("Action"));
        assertThat(inputs).containsExactly("{\"city\":\"Paris\"}");
        assertThat(thoughts).hasSize(2);
        assertThat(thoughts.get(0)).satisfies(t -> {
            assertThat(t.position()).isEqualTo(1);
            assertThat(t.thought()).isEqualTo("I need the weather.");
            assertThat(t.tool()).isEqualTo("weather");
            assertThat(t.observation()).isEqualTo("sunny, 21C");
            assertThat(t.failed()).isFalse();
        });
        assertThat(thoughts.get(1)).satisfies(t -> {
            assertThat(t.position()).isEqualTo(2);
            assertThat(t.thought()).isEqualTo("I know it now.");
            assertThat(t.tool()).isEmpty();
        });
        var second = model.requests.get(1).messages();
        assertThat(second.get(second.size() - 2)).isInstanceOfSatisfying(AiMessage.class,
                m -> assertThat(m.text()).contains("Action: weather", "Action Input: {\"city\": \"Paris\"}"));
        assertThat(second.getLast()).isInstanceOfSatisfying(UserMessage.class,
                m -> assertThat(m.singleText()).isEqualTo("Observation: sunny, 21C"));
        assertThat(result.promptTokens()).isEqualTo(20);
    }

    @Test
    void plainValueInputIsWrappedForASingleParameterTool() {
        ScriptedStreamingModel model = new ScriptedStreamingModel()
                .then(text("Action: weather\nAction Input: \"Rome\""))
                .then(text("Final Answer: sunny"));

        new ReactLoop(model).run(request("Rome?", 10), events);

        assertThat(inputs).containsExactly("{\"city\":\"Rome\"}");
    }

    @Test
    void failingAndUnknownToolsBecomeObservations() {
        ScriptedStreamingModel model = new ScriptedStreamingModel()
                .then(text("Action: weather\nAction Input: {\"city\": \"Atlantis\"}"))
                .then(text("Action: teleport\nAction Input: {}"))
                .then(text("Final Answer: I cannot tell."));

        AgentResult result = new ReactLoop(model).run(request("Atlantis?", 10), events);

        assertThat(result.answer()).isEqualTo("I cannot tell.");
        assertThat(thoughts.get(0).observation()).isEqualTo("error: unknown city");
        assertThat(thoughts.get(0).failed()).isTrue();
        assertThat(thoughts.get(1).observation()).contains("no tool named teleport");
        assertThat(((UserMessage) model.requests.get(2).messages().getLast()).singleText())
                .contains("no tool named teleport");
    }

    @Test
    void iterationsAreBoundedThenTheModelIsToldToAnswer() {
        ScriptedStreamingModel model = new ScriptedStreamingModel();
        for (int i = 0; i < 3; i++) {
            model.then(text("Action: weather\nAction Input: {\"city\": \"Paris\"}"));
        }
        model.then(text("Action: weather\nAction Input: {\"city\": \"Paris\"}"));

        AgentResult result = new ReactLoop(model).run(request("loop", 2), events);

        assertThat(inputs).hasSize(2);
        assertThat(model.requests).hasSize(3);
        assertThat(((UserMessage) model.requests.get(2).messages().getLast()).singleText())
                .contains("You cannot use any more tools");
        assertThat(result.status()).isEqualTo(AgentResult.Status.NORMAL);
    }

    @Test
    void answerWithoutTheFormatIsTheAnswer() {
        ScriptedStreamingModel model = new ScriptedStreamingModel().then(text("Hello ", "there!"));

        AgentResult result = new ReactLoop(model).run(request("hi", 10), events);

        assertThat(result.answer()).isEqualTo("Hello there!");
        assertThat(String.join("", deltas)).isEqualTo("Hello there!");
        assertThat(thoughts).isEmpty();
    }

    @Test
    void withoutToolsItIsThePlainStreamingLoop() {
        ScriptedStreamingModel model = new ScriptedStreamingModel().then(text("Plain ", "answer"));

        AgentResult result = new ReactLoop(model).run(new AgentRequest("Sys", List.of(), "q", List.of(), 10,
                AgentRequest.Review.NONE, null), events);

        assertThat(result.answer()).isEqualTo("Plain answer");
        assertThat(((SystemMessage) model.requests.getFirst().messages().getFirst()).text()).isEqualTo("Sys");
    }

    @Test
    void outputReviewMasksTheStreamedFinalAnswer() {
        ScriptedStreamingModel model = new ScriptedStreamingModel()
                .then(text("Thought: ok\nFinal Answer: the sec", "ret plan"));
        AgentRequest reviewed = new AgentRequest(null, List.of(), "q", List.of(weather()), 10,
                new AgentRequest.Review(List.of("secret"), false, null, true), null);

        AgentResult result = new ReactLoop(model).run(reviewed, events);

        assertThat(result.answer()).isEqualTo("the ****** plan");
        assertThat(String.join("", deltas)).isEqualTo("the ****** plan");
    }

    @Test
    void inputReviewAnswersThePresetWithoutCallingTheModel() {
        ScriptedStreamingModel model = new ScriptedStreamingModel();
        AgentRequest reviewed = new AgentRequest(null, List.of(), "FORBIDDEN", List.of(weather()), 10,
                new AgentRequest.Review(List.of("forbidden"), true, "No.", false), null);

        assertThat(new ReactLoop(model).run(reviewed, events).answer()).isEqualTo("No.");
        assertThat(model.requests).isEmpty();
    }

    @Test
    void stopMidFinalAnswerKeepsThePartialAnswer() {
        AtomicBoolean stop = new AtomicBoolean();
        ScriptedStreamingModel model = new ScriptedStreamingModel()
                .then(new ScriptedStreamingModel.Text(List.of("Final Answer: one ", "two ", "three ", "four"), 30));
        AgentEvents stopAfterTwo = new AgentEvents() {
            @Override
            public void answer(String delta) {
                deltas.add(delta);
                if (deltas.size() == 2) {
                    stop.set(true);
                }
            }

            @Override
            public void thought(AgentThought thought) {
            }
        };

        AgentResult result = new ReactLoop(model).run(new AgentRequest(null, List.of(), "count", List.of(weather()), 10,
                AgentRequest.Review.NONE, stop::get), stopAfterTwo);

        assertThat(result.status()).isEqualTo(AgentResult.Status.STOP);
        assertThat(result.answer()).isEqualTo("one two ");
    }

    @Test
    void modelErrorEndsTheTurn() {
        ScriptedStreamingModel model = new ScriptedStreamingModel().then(new ScriptedStreamingModel.Failure("boom"));

        AgentResult result = new ReactLoop(model).run(request("hi", 10), events);

        assertThat(result.status()).isEqualTo(AgentResult.Status.ERROR);
        assertThat(result.error()).isEqualTo("boom");
    }
}
