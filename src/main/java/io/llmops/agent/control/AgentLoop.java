package io.llmops.agent.control;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The agent engine: drives a streaming chat model through its function calling. Each iteration
 * streams the model's text to the listener; tool calls the model asks for run here, their
 * observations (failures included) go back to the model, and the loop repeats up to
 * {@code maxIterations}, after which the model must answer without tools. Stop ends the turn at
 * once with the answer so far. Plain Java: no JAX-RS, JPA or CDI inside.
 */
public final class AgentLoop {

    private final StreamingChatModel model;

    public AgentLoop(StreamingChatModel model) {
        this.model = model;
    }

    public AgentResult run(AgentRequest request, AgentEvents events) {
        AgentResult reviewed = answerInputReview(request, events);
        if (reviewed != null) {
            return reviewed;
        }
        AgentRequest.Review review = request.review();
        KeywordMasker masker = new KeywordMasker(review.maskOutput() ? review.keywords() : List.of());

        List<ChatMessage> messages = new ArrayList<>();
        if (request.systemPrompt() != null && !request.systemPrompt().isBlank()) {
            messages.add(SystemMessage.from(request.systemPrompt()));
        }
        messages.addAll(request.memory());
        messages.add(UserMessage.from(request.query()));
        Map<String, AgentTool> tools = request.tools().stream()
                .collect(Collectors.toMap(AgentTool::name, Function.identity(), (a, b) -> a));
        List<ToolSpecification> specifications = request.tools().stream().map(AgentTool::specification).toList();

        StringBuilder answer = new StringBuilder();
        List<AgentThought> thoughts = new ArrayList<>();
        long promptTokens = 0;
        long completionTokens = 0;
        for (int iteration = 1; iteration <= request.maxIterations() + 1; iteration++) {
            // past the bound the model gets no tools, so it has to answer with what it has
            boolean toolsAllowed = iteration <= request.maxIterations() && !specifications.isEmpty();
            ChatRequest chat = ChatRequest.builder().messages(messages)
                    .toolSpecifications(toolsAllowed ? specifications : List.of()).build();
            StreamedStep step = StreamedStep.run(model, chat, masker, delta -> {
                answer.append(delta);
                events.answer(delta);
            }, request.stopRequested());
            promptTokens += step.promptTokens();
            completionTokens += step.completionTokens();
            if (step.stopped()) {
                return finish(AgentResult.Status.STOP, answer, masker, events, thoughts, promptTokens, completionTokens, null);
            }
            if (step.error() != null) {
                return finish(AgentResult.Status.ERROR, answer, masker, events, thoughts, promptTokens, completionTokens,
                        step.error());
            }
            AiMessage ai = step.message();
            if (!toolsAllowed || !ai.hasToolExecutionRequests()) {
                return finish(AgentResult.Status.NORMAL, answer, masker, events, thoughts, promptTokens, completionTokens, null);
            }
            messages.add(ai);
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                AgentThought thought = callTool(thoughts.size() + 1, ai.text(), call, tools.get(call.name()), events);
                thoughts.add(thought);
                messages.add(ToolExecutionResultMessage.from(call, thought.observation()));
            }
            if (request.stopRequested().getAsBoolean()) {
                return finish(AgentResult.Status.STOP, answer, masker, events, thoughts, promptTokens, completionTokens, null);
            }
        }
        throw new IllegalStateException("unreachable: the last iteration has no tools");
    }

    /** The preset response when the input review catches the query (the model is not called), else null. */
    static AgentResult answerInputReview(AgentRequest request, AgentEvents events) {
        AgentRequest.Review review = request.review();
        if (review.checkInput() && new KeywordMasker(review.keywords()).matches(request.query())) {
            String preset = review.presetResponse() == null ? "" : review.presetResponse();
            events.answer(preset);
            return new AgentResult(AgentResult.Status.NORMAL, preset, List.of(), 0, 0, null);
        }
        return null;
    }

    private static AgentThought callTool(int position, String thought, ToolExecutionRequest call, AgentTool tool,
                                         AgentEvents events) {
        String input = call.arguments() == null ? "{}" : call.arguments();
        events.toolStarted(position, call.name(), input);
        long started = System.nanoTime();
        String observation;
        boolean failed = false;
        if (tool == null) {
            observation = "error: there is no tool named " + call.name();
            failed = true;
        } else {
            try {
                observation = tool.execute(input);
            } catch (Exception e) {
                // a failing tool is an observation the model can react to, not a failed turn
                observation = "error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                failed = true;
            }
        }
        AgentThought result = new AgentThought(position, thought == null ? "" : thought, call.name(), input,
                observation == null ? "" : observation, (System.nanoTime() - started) / 1_000_000, failed);
        events.thought(result);
        return result;
    }

    private static AgentResult finish(AgentResult.Status status, StringBuilder answer, KeywordMasker masker,
                                      AgentEvents events, List<AgentThought> thoughts, long promptTokens,
                                      long completionTokens, String error) {
        String rest = masker.flush();
        if (!rest.isEmpty()) {
            answer.append(rest);
            events.answer(rest);
        }
        return new AgentResult(status, answer.toString(), List.copyOf(thoughts), promptTokens, completionTokens, error);
    }
}
