package io.llmops.agent.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a model wrote in one ReAct step: its thought, and either an action (tool name and input)
 * or a final answer. Parsing is lenient about case, spacing, markdown emphasis and code fences, and
 * also reads the JSON form {@code {"action": …, "action_input": …}} some models prefer.
 *
 * @param thought     the reasoning before the action or final answer ("" when none)
 * @param action      the tool name, or null when the step is an answer
 * @param actionInput the tool's input as written (a JSON object when the model obeyed), or null
 * @param finalAnswer the answer after "Final Answer:", or null when the model did not write one
 */
public record ReactOutput(String thought, String action, String actionInput, String finalAnswer) {

    static final Pattern FINAL_ANSWER = Pattern.compile("(?i)[*_#]*\\bfinal[ _]?answer[*_ \\t]*:[*_]*[ \\t]*");
    private static final Pattern ACTION = Pattern.compile("(?im)^[\\s*_#]*action[\\s*_]*:[*_]*[ \\t]*(.*)$");
    private static final Pattern ACTION_INPUT = Pattern.compile("(?im)^[\\s*_#]*action[ _]?input[\\s*_]*:[*_]*[ \\t]*");
    private static final Pattern OBSERVATION = Pattern.compile("(?im)^[\\s*_#]*observation[\\s*_]*:");
    private static final Pattern THOUGHT = Pattern.compile("(?i)^[\\s*_#]*thought[\\s*_]*:[*_]*");
    private static final Pattern FENCE = Pattern.compile("^```[a-zA-Z]*\\s*(.*?)\\s*```$", Pattern.DOTALL);

    public boolean isAction() {
        return action != null;
    }

    public static ReactOutput parse(String text) {
        String all = text == null ? "" : text;
        Matcher finalAnswer = FINAL_ANSWER.matcher(all);
        Matcher action = ACTION.matcher(all);
        boolean hasFinal = finalAnswer.find();
        boolean hasAction = action.find();
        if (hasAction && (!hasFinal || action.start() < finalAnswer.start())) {
            String thought = thoughtOf(all.substring(0, action.start()));
            String tool = cleanName(action.group(1));
            String rest = all.substring(action.end());
            Matcher input = ACTION_INPUT.matcher(rest);
            String actionInput = "";
            if (input.find()) {
                actionInput = rest.substring(input.end());
            }
            actionInput = cutAtObservation(actionInput);
            if (!tool.isEmpty()) {
                return new ReactOutput(thought, tool, unfence(actionInput.strip()), null);
            }
        }
        if (hasFinal) {
            return new ReactOutput(thoughtOf(all.substring(0, finalAnswer.start())), null, null,
                    all.substring(finalAnswer.end()).strip());
        }
        ReactOutput json = jsonAction(all);
        if (json != null) {
            return json;
        }
        return new ReactOutput("", null, null, null);
    }

    /** {@code {"action": "tool", "action_input": {...}}}, possibly fenced or inside prose. */
    private static ReactOutput jsonAction(String text) {
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return null;
        }
        JsonObject object;
        try (var reader = Json.createReader(new StringReader(text.substring(start, end + 1)))) {
            object = reader.readObject();
        } catch (RuntimeException e) {
            return null;
        }
        JsonValue name = object.get("action");
        if (!(name instanceof jakarta.json.JsonString actionName) || actionName.getString().isBlank()) {
            return null;
        }
        JsonValue input = object.getOrDefault("action_input", object.get("actionInput"));
        String thought = thoughtOf(text.substring(0, start));
        if (actionName.getString().strip().equalsIgnoreCase("final answer")) {
            String answer = input instanceof jakarta.json.JsonString s ? s.getString() : String.valueOf(input);
            return new ReactOutput(thought, null, null, answer);
        }
        String inputText = input == null ? "{}" : input instanceof jakarta.json.JsonString s ? s.getString() : input.toString();
        return new ReactOutput(thought, cleanName(actionName.getString()), inputText, null);
    }

    static String thoughtOf(String before) {
        String thought = before.strip();
        Matcher label = THOUGHT.matcher(thought);
        if (label.find()) {
            thought = thought.substring(label.end());
        }
        return thought.strip();
    }

    private static String cleanName(String raw) {
        String name = raw.strip();
        name = name.replaceAll("^[`'\"*\\[(]+|[`'\"*\\])]+$", "").strip();
        // "weather(...)" or "weather with …": the name is the first identifier
        Matcher identifier = Pattern.compile("^[\\p{L}\\p{N}_.\\-]+").matcher(name);
        return identifier.find() ? identifier.group() : "";
    }

    private static String cutAtObservation(String input) {
        Matcher observation = OBSERVATION.matcher(input);
        return observation.find() ? input.substring(0, observation.start()) : input;
    }

    private static String unfence(String input) {
        Matcher fence = FENCE.matcher(input);
        return fence.matches() ? fence.group(1).strip() : input;
    }
}
