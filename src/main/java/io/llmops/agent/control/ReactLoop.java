package io.llmops.agent.control;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;

/**
 * The agent engine for models without function calling: a ReAct prompt loop. The system prompt
 * lists the tools and the Thought / Action / Action Input / Observation / Final Answer format; each
 * step's text is parsed ({@link ReactOutput}), the tool runs, its observation goes back as the next
 * user message, up to {@code maxIterations} tool calls. Only the text after "Final Answer:" streams
 * as answer deltas; the reasoning goes out as thoughts. Same contract as {@link AgentLoop}.
 */
public final class ReactLoop {

    static final String FORMAT = """
            You can use these tools:
            %s

            To use a tool, answer exactly in this format and then stop:
            Thought: what you need to find out
            Action: the tool's name, one of [%s]
            Action Input: the tool's input as a JSON object
            The tool's result comes back to you as "Observation: ...". Use tools as often as needed.
            When you can answer (or need no tool), answer in this format:
            Thought: I can answer now
            Final Answer: your answer to the user""";

    static final String LAST_CALL = "\n\nYou cannot use any more tools. Reply now with \"Final Answer:\" and your answer.";

    private final StreamingChatModel model;

    public ReactLoop(StreamingChatModel model) {
        this.model = model;
    }

    public AgentResult run(AgentRequest request, AgentEvents events) {
        if (request.tools().isEmpty()) {
            return new AgentLoop(model).run(request, events);
        }
        AgentResult reviewed = AgentLoop.answerInputReview(request, events);
        if (reviewed != null) {
            return reviewed;
        }
        AgentRequest.Review review = request.review();
        KeywordMasker masker = new KeywordMasker(review.maskOutput() ? review.keywords() : List.of());
        Map<String, AgentTool> tools = new LinkedHashMap<>();
        request.tools().forEach(tool -> tools.putIfAbsent(tool.name(), tool));

        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(systemPrompt(request.systemPrompt(), tools.values())));
        messages.addAll(request.memory());
        messages.add(UserMessage.from(request.query()));

        StringBuilder answer = new StringBuilder();
        List<AgentThought> thoughts = new ArrayList<>();
        Consumer<String> emit = delta -> {
            answer.append(delta);
            events.answer(delta);
        };
        long promptTokens = 0;
        long completionTokens = 0;
        for (int iteration = 1; iteration <= request.maxIterations() + 1; iteration++) {
            boolean toolsAllowed = iteration <= request.maxIterations();
            FinalAnswerStream stream = new FinalAnswerStream(masker, emit);
            ChatRequest chat = ChatRequest.builder().messages(messages).stopSequences(List.of("\nObservation:")).build();
            StreamedStep step = StreamedStep.run(model, chat, new KeywordMasker(List.of()), stream::push,
                    request.stopRequested());
            promptTokens += step.promptTokens();
            completionTokens += step.completionTokens();
            if (step.stopped()) {
                return finish(AgentResult.Status.STOP, answer, masker, emit, thoughts, promptTokens, completionTokens, null);
            }
            if (step.error() != null) {
                return finish(AgentResult.Status.ERROR, answer, masker, emit, thoughts, promptTokens, completionTokens,
                        step.error());
            }
            String text = step.message().text() == null ? "" : step.message().text();
            ReactOutput output = ReactOutput.parse(text);
            if (output.isAction() && toolsAllowed && !stream.streaming()) {
                AgentThought thought = callTool(thoughts.size() + 1, output, tools.get(output.action()), events);
                thoughts.add(thought);
                messages.add(AiMessage.from(scratchpad(output)));
                String observation = "Observation: " + thought.observation();
                messages.add(UserMessage.from(iteration == request.maxIterations() ? observation + LAST_CALL : observation));
                if (request.stopRequested().getAsBoolean()) {
                    return finish(AgentResult.Status.STOP, answer, masker, emit, thoughts, promptTokens, completionTokens,
                            null);
                }
                continue;
            }
            boolean answered = stream.streaming() || output.finalAnswer() != null;
            if (answered && !output.thought().isBlank()) {
                AgentThought reasoning = new AgentThought(thoughts.size() + 1, output.thought(), "", "", "", 0, false);
                thoughts.add(reasoning);
                events.thought(reasoning);
            }
            if (!stream.streaming()) {
                // no "Final Answer:" streamed: the answer is what the model wrote, without the format's labels
                String rest = output.finalAnswer() != null ? output.finalAnswer()
                        : output.isAction() ? output.thought() : ReactOutput.thoughtOf(text);
                String safe = masker.push(rest);
                if (!safe.isEmpty()) {
                    emit.accept(safe);
                }
            }
            return finish(AgentResult.Status.NORMAL, answer, masker, emit, thoughts, promptTokens, completionTokens, null);
        }
        throw new IllegalStateException("unreachable: the last iteration answers");
    }

    static String systemPrompt(String preset, Iterable<AgentTool> tools) {
        StringBuilder list = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (AgentTool tool : tools) {
            ToolSpecification spec = tool.specification();
            names.add(spec.name());
            list.append("- ").append(spec.name());
            if (spec.description() != null && !spec.description().isBlank()) {
                list.append(": ").append(spec.description().strip());
            }
            list.append(" Input: ").append(describe(spec.parameters())).append('\n');
        }
        String format = FORMAT.formatted(list.toString().stripTrailing(), String.join(", ", names));
        return preset == null || preset.isBlank() ? format : preset.strip() + "\n\n" + format;
    }

    /** A compact, model-readable picture of the parameters: {"city": string (required, the city's name)}. */
    static String describe(JsonObjectSchema parameters) {
        if (parameters == null || parameters.properties() == null || parameters.properties().isEmpty()) {
            return "{}";
        }
        List<String> required = parameters.required() == null ? List.of() : parameters.required();
        List<String> fields = new ArrayList<>();
        parameters.properties().forEach((name, schema) -> {
            String type = typeOf(schema);
            String description = schema.description();
            List<String> notes = new ArrayList<>();
            if (required.contains(name)) {
                notes.add("required");
            }
            if (description != null && !description.isBlank()) {
                notes.add(description.strip());
            }
            fields.add("\"" + name + "\": " + type + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")"));
        });
        return "{" + String.join(", ", fields) + "}";
    }

    private static String typeOf(JsonSchemaElement schema) {
        return switch (schema) {
            case JsonStringSchema ignored -> "string";
            case JsonIntegerSchema ignored -> "integer";
            case JsonNumberSchema ignored -> "number";
            case JsonBooleanSchema ignored -> "boolean";
            case JsonEnumSchema e -> "one of " + e.enumValues();
            case JsonArraySchema ignored -> "array";
            case JsonObjectSchema ignored -> "object";
            default -> "value";
        };
    }

    private static String scratchpad(ReactOutput output) {
        return (output.thought().isBlank() ? "" : "Thought: " + output.thought() + "\n")
                + "Action: " + output.action() + "\nAction Input: " + output.actionInput();
    }

    private static AgentThought callTool(int position, ReactOutput output, AgentTool tool, AgentEvents events) {
        String input = argumentsFor(output.actionInput(), tool);
        events.toolStarted(position, output.action(), input == null ? output.actionInput() : input);
        long started = System.nanoTime();
        String observation;
        boolean failed = false;
        if (tool == null) {
            observation = "error: there is no tool named " + output.action();
            failed = true;
        } else if (input == null) {
            observation = "error: Action Input must be a JSON object with the tool's parameters";
            failed = true;
        } else {
            try {
                observation = tool.execute(input);
            } catch (Exception e) {
                observation = "error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                failed = true;
            }
        }
        AgentThought result = new AgentThought(position, output.thought(), output.action(),
                input == null ? output.actionInput() : input, observation == null ? "" : observation,
                (System.nanoTime() - started) / 1_000_000, failed);
        events.thought(result);
        return result;
    }

    /**
     * The tool's JSON arguments: the JSON object the model wrote (found inside surrounding text), or
     * a plain value wrapped as the tool's only parameter; null when neither works.
     */
    static String argumentsFor(String actionInput, AgentTool tool) {
        String input = actionInput == null ? "" : actionInput.strip();
        int start = input.indexOf('{');
        int end = input.lastIndexOf('}');
        if (start >= 0 && end > start) {
            try (var reader = Json.createReader(new StringReader(input.substring(start, end + 1)))) {
                JsonObject object = reader.readObject();
                return object.toString();
            } catch (RuntimeException notJson) {
                // fall through: maybe a plain value
            }
        }
        if (input.isEmpty()) {
            return tool != null && parameterNames(tool).isEmpty() ? "{}" : null;
        }
        List<String> names = tool == null ? List.of() : parameterNames(tool);
        if (names.size() == 1) {
            String value = input.length() >= 2 && input.startsWith("\"") && input.endsWith("\"")
                    ? input.substring(1, input.length() - 1) : input;
            return Json.createObjectBuilder().add(names.getFirst(), value).build().toString();
        }
        return null;
    }

    private static List<String> parameterNames(AgentTool tool) {
        JsonObjectSchema parameters = tool.specification().parameters();
        return parameters == null || parameters.properties() == null ? List.of()
                : List.copyOf(parameters.properties().keySet());
    }

    private static AgentResult finish(AgentResult.Status status, StringBuilder answer, KeywordMasker masker,
                                      Consumer<String> emit, List<AgentThought> thoughts, long promptTokens,
                                      long completionTokens, String error) {
        String rest = masker.flush();
        if (!rest.isEmpty()) {
            emit.accept(rest);
        }
        return new AgentResult(status, answer.toString(), List.copyOf(thoughts), promptTokens, completionTokens, error);
    }

    /**
     * Watches a step's raw deltas for "Final Answer:" (when no Action came before it) and streams
     * what follows through the masker; everything before it is held back as reasoning.
     */
    static final class FinalAnswerStream {
        private final KeywordMasker masker;
        private final Consumer<String> emit;
        private final StringBuilder raw = new StringBuilder();
        private boolean streaming;
        private boolean leading = true;

        FinalAnswerStream(KeywordMasker masker, Consumer<String> emit) {
            this.masker = masker;
            this.emit = emit;
        }

        boolean streaming() {
            return streaming;
        }

        void push(String delta) {
            if (streaming) {
                send(delta);
                return;
            }
            raw.append(delta);
            Matcher marker = ReactOutput.FINAL_ANSWER.matcher(raw);
            if (!marker.find()) {
                return;
            }
            ReactOutput before = ReactOutput.parse(raw.substring(0, marker.start()));
            if (before.isAction()) {
                return;
            }
            streaming = true;
            send(raw.substring(marker.end()));
        }

        private void send(String text) {
            String part = text;
            if (leading) {
                part = part.stripLeading();
                if (part.isEmpty()) {
                    return;
                }
                leading = false;
            }
            String safe = masker.push(part);
            if (!safe.isEmpty()) {
                emit.accept(safe);
            }
        }
    }
}
