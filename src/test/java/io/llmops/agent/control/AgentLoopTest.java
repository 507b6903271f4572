package io.llmops.agent.control;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessageType;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.llmops.agent.control.ScriptedStreamingModel.call;
import static io.llmops.agent.control.ScriptedStreamingModel.text;
import static org.assertj.core.api.Assertions.assertThat;

class AgentLoopTest {

    private final List<String> deltas = new CopyOnWriteArrayList<>();
    private final List<AgentThought> thoughts = new CopyOnWriteArrayList<>();
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

    private static AgentTool tool(String name, AgentToolBody body) {
        ToolSpecification spec = ToolSpecification.builder().name(name).description(name + " tool")
                .parameters(JsonObjectSchema.builder().addStringProperty("city").build()).build();
        return new AgentTool() {
            @Override
            public ToolSpecification specification() {
                return spec;
            }

            @Override
            public String execute(String argumentsJson) throws Exception {
                return body.run(argumentsJson);
            }
        };
    }

    interface AgentToolBody {
        String run(String arguments) throws Exception;
    }

    private static AgentRequest request(String query, List<AgentTool> tools) {
        return new AgentRequest("You are helpful.", List.of(), query, tools, AgentRequest.DEFAULT_MAX_ITERATIONS,
                AgentRequest.Review.NONE, null);
    }

    @Test
    void plainAnswerIsStreamedDeltaByDelta() {
        ScriptedStreamingModel model = new ScriptedStreamingModel().then(text("Hel", "lo ", "there"));

        AgentResult result = new AgentLoop(model).run(request("hi", List.of()), events);

        assertThat(result.status()).isEqualTo(AgentResult.Status.NORMAL);
        assertThat(result.answer()).isEqualTo("Hello there");
        assertThat(deltas).containsExactly("Hel", "lo ", "there");
        assertThat(result.promptTokens()).isEqualTo(10);
        assertThat(model.requests.getFirst().messages()).extracting(m -> m.type())
                .containsExactly(ChatMessageType.SYSTEM, ChatMessageType.USER);
    }

    @Test
    void toolCallRunsTheToolAndFeedsTheObservationBack() {
        ScriptedStreamingModel model = new ScriptedStreamingModel()
                .then(call("c1", "weather", "{\"city\":\"Paris\"}"))
                .then(text("It is sunny in Paris."));

        AgentResult result = new AgentLoop(model).run(
                request("weather in Paris?", List.of(tool("weather", args -> "sunny, 21C for " + args))), events);

        assertThat(result.answer()).isEqualTo("It is sunny in Paris.");
        assertThat(thoughts).singleElement().satisfies(t -> {
            assertThat(t.position()).isEqualTo(1);
            assertThat(t.tool()).isEqualTo("weather");
            assertThat(t.toolInput()).isEqualTo("{\"city\":\"Paris\"}");
            assertThat(t.observation()).startsWith("sunny, 21C");
            assertThat(t.failed()).isFalse();
        });
        var second = model.requests.get(1);
        assertThat(second.toolSpecifications()).extracting(ToolSpecification::name).containsExactly("weather");
        assertThat(second.messages().getLast()).isInstanceOfSatisfying(ToolExecutionResultMessage.class,
                m -> assertThat(m.text()).startsWith("sunny"));
        assertThat(result.promptTokens()).isEqualTo(20);
    }

    @Test
    void failingToolBecomesAnObservationNotAFailedTurn() {
        ScriptedStreamingModel model = new ScriptedStreamingModel()
                .then(call("c1", "weather", "{}"))
                .then(text("Sorry, the weather service is down."));

        AgentResult result = new AgentLoop(model).run(request("weather?", List.of(tool("weather", args -> {
            throw new IllegalStateException("upstream 503");
        }))), events);

        assertThat(result.status()).isEqualTo(AgentResult.Status.NORMAL);
        assertThat(thoughts.getFirst().observation()).isEqualTo("error: upstream 503");
        assertThat(thoughts.getFirst().failed()).isTrue();
    }

    @Test
    void unknownToolIsReportedToTheModel() {
        ScriptedStreamingModel model = new ScriptedStreamingModel()
                .then(call("c1", "teleport", "{}"))
                .then(text("I cannot do that."));

        new AgentLoop(model).run(request("teleport me", List.of(tool("weather", args -> "x"))), events);

        assertThat(thoughts.getFirst().observation()).contains("no tool named teleport");
    }

    @Test
    void iterationsAreBoundedThenTheModelMustAnswerWithoutTools() {
        ScriptedStreamingModel model = new ScriptedStreamingModel();
        for (int i = 0; i < 3; i++) {
            model.then(call("c" + i, "weather", "{}"));
        }
        model.then(text("Final answer."));
        AgentRequest bounded = new AgentRequest(null, List.of(), "loop", List.of(tool("weather", a -> "again")), 3,
                AgentRequest.Review.NONE, null);

        AgentResult result = new AgentLoop(model).run(bounded, events);

        assertThat(thoughts).hasSize(3);
        assertThat(model.requests).hasSize(4);
        assertThat(model.requests.getLast().toolSpecifications()).isEmpty();
        assertThat(result.answer()).isEqualTo("Final answer.");
    }

    @Test
    void stopMidStreamKeepsThePartialAnswerAndCancelsTheStream() {
        AtomicBoolean stop = new AtomicBoolean();
        ScriptedStreamingModel model = new ScriptedStreamingModel()
                .then(new ScriptedStreamingModel.Text(List.of("one ", "two ", "three ", "four ", "five"), 30));
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

        AgentResult result = new AgentLoop(model).run(new AgentRequest(null, List.of(), "count", List.of(), 10,
                AgentRequest.Review.NONE, stop::get), stopAfterTwo);

        assertThat(result.status()).isEqualTo(AgentResult.Status.STOP);
        assertThat(result.answer()).isEqualTo("one two ");
        assertThat(model.cancelled).isTrue();
    }

    @Test
    void stopWhileTheModelIsSilentEndsTheTurnQuickly() {
        AtomicBoolean stop = new AtomicBoolean();
        ScriptedStreamingModel model = new ScriptedStreamingModel()
                .then(new ScriptedStreamingModel.Text(List.of("late"), 5_000));
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            stop.set(true);
        });

        long started = System.nanoTime();
        AgentResult result = new AgentLoop(model).run(new AgentRequest(null, List.of(), "q", List.of(), 10,
                AgentRequest.Review.NONE, stop::get), events);

        assertThat(result.status()).isEqualTo(AgentResult.Status.STOP);
        assertThat(result.answer()).isEmpty();
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4_000);
    }

    @Test
    void modelErrorEndsTheTurnWithItsMessageAndThePartialAnswer() {
        ScriptedStreamingModel model = new ScriptedStreamingModel()
                .then(new ScriptedStreamingModel.Failure("rate limit reached for gpt-4o-mini"));

        AgentResult result = new AgentLoop(model).run(request("hi", List.of()), events);

        assertThat(result.status()).isEqualTo(AgentResult.Status.ERROR);
        assertThat(result.error()).isEqualTo("rate limit reached for gpt-4o-mini");
    }

    @Test
    void inputReviewAnswersThePresetWithoutCallingTheModel() {
        ScriptedStreamingModel model = new ScriptedStreamingModel();
        AgentRequest reviewed = new AgentRequest(null, List.of(), "tell me about FORBIDDEN things", List.of(), 10,
                new AgentRequest.Review(List.of("forbidden"), true, "I cannot talk about that.", false), null);

        AgentResult result = new AgentLoop(model).run(reviewed, events);

        assertThat(result.answer()).isEqualTo("I cannot talk about that.");
        assertThat(deltas).containsExactly("I cannot talk about that.");
        assertThat(model.requests).isEmpty();
    }

    @Test
    void outputReviewMasksKeywordsEvenWhenSplitAcrossChunks() {
        ScriptedStreamingModel model = new ScriptedStreamingModel().then(text("the secr", "et plan is ", "SECRET"));
        AgentRequest reviewed = new AgentRequest(null, List.of(), "q", List.of(), 10,
                new AgentRequest.Review(List.of("secret"), false, null, true), null);

        AgentResult result = new AgentLoop(model).run(reviewed, events);

        assertThat(result.answer()).isEqualTo("the ****** plan is ******");
        assertThat(String.join("", deltas)).isEqualTo(result.answer());
        assertThat(String.join("", deltas)).doesNotContainIgnoringCase("secret");
    }
}
