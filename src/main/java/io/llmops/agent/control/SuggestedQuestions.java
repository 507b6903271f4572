package io.llmops.agent.control;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follow-up questions a user might ask next, proposed by the app's own model from the last rounds.
 * Models answer loosely (JSON, JSON in prose or fences, numbered lists), so {@link #parse} accepts
 * all of these and gives up quietly: whatever goes wrong, the caller gets a (possibly empty) list.
 */
public final class SuggestedQuestions {

    public static final int MAX_QUESTIONS = 3;
    public static final int MAX_LENGTH = 200;
    /** Bounds the bracket pairs tried, so a long garbage answer costs little. */
    private static final int MAX_PARSE_ATTEMPTS = 64;
    private static final int MAX_TEXT = 20_000;

    private static final Logger LOG = Logger.getLogger(SuggestedQuestions.class.getName());
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:\\d{1,2}\\s*[.):]|[-*•]|\\(\\d{1,2}\\))\\s+(.+)$");
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\s*(.*?)```", Pattern.DOTALL);

    static final String PROMPT = """
            You suggest what the user could ask next. Read the conversation below and write exactly three \
            short follow-up questions the user is likely to ask the assistant, in the language of the user, \
            each at most 20 words. Answer with a JSON array of three strings and nothing else, for example: \
            ["First question?", "Second question?", "Third question?"]""";

    private final ChatModel model;

    public SuggestedQuestions(ChatModel model) {
        this.model = model;
    }

    /** Asks the model; any failure (the call or its answer) gives an empty list, logged. */
    public List<String> suggest(List<MemoryWindow.Round> rounds) {
        if (rounds.isEmpty()) {
            return List.of();
        }
        try {
            ChatResponse response = model.chat(SystemMessage.from(PROMPT), UserMessage.from(transcript(rounds)));
            return parse(response.aiMessage() == null ? null : response.aiMessage().text());
        } catch (RuntimeException e) {
            LOG.warning(() -> "Suggested questions failed: " + StreamedStep.messageOf(e));
            return List.of();
        }
    }

    static String transcript(List<MemoryWindow.Round> rounds) {
        StringBuilder text = new StringBuilder();
        for (MemoryWindow.Round round : rounds) {
            text.append("User: ").append(round.query()).append('\n');
            text.append("Assistant: ").append(round.answer() == null ? "" : round.answer()).append("\n\n");
        }
        return text.toString().strip();
    }

    /**
     * The questions in a model's answer: a JSON array (alone, in prose or in a ``` fence) of strings,
     * else numbered or bulleted lines. At most three, trimmed, blank and over-long ones dropped.
     */
    public static List<String> parse(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        List<String> candidates = new ArrayList<>();
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            candidates.add(fence.group(1));
        }
        candidates.add(text);
        for (String candidate : candidates) {
            List<String> fromJson = jsonArray(candidate);
            if (fromJson != null) {
                return fromJson;
            }
        }
        return listLines(text);
    }

    /** The strings of the first parseable JSON array in the text, or null when there is none. */
    private static List<String> jsonArray(String text) {
        int attempts = 0;
        for (int start = text.indexOf('['); start >= 0; start = text.indexOf('[', start + 1)) {
            for (int end = text.lastIndexOf(']'); end > start; end = text.lastIndexOf(']', end - 1)) {
                if (++attempts > MAX_PARSE_ATTEMPTS) {
                    return null;
                }
                JsonArray array = readArray(text.substring(start, end + 1));
                if (array != null) {
                    List<String> strings = new ArrayList<>();
                    for (JsonValue value : array) {
                        if (value instanceof JsonString string) {
                            strings.add(string.getString());
                        }
                    }
                    return clean(strings);
                }
            }
        }
        return null;
    }

    private static JsonArray readArray(String candidate) {
        try (var reader = Json.createReader(new StringReader(candidate))) {
            return reader.readArray();
        } catch (RuntimeException e) {
            // JsonParsingException, or "not an array": either way, no questions here
            return null;
        }
    }

    private static List<String> listLines(String text) {
        List<String> items = new ArrayList<>();
        for (String line : text.split("\\R")) {
            Matcher item = LIST_ITEM.matcher(line);
            if (item.matches()) {
                items.add(unquote(item.group(1).strip()));
            }
        }
        return clean(items);
    }

    private static String unquote(String item) {
        String stripped = item.replaceAll("^\\*\\*(.*)\\*\\*$", "$1").strip();
        if (stripped.length() >= 2 && (stripped.startsWith("\"") && stripped.endsWith("\"")
                || stripped.startsWith("“") && stripped.endsWith("”"))) {
            stripped = stripped.substring(1, stripped.length() - 1).strip();
        }
        return stripped;
    }

    private static List<String> clean(List<String> raw) {
        List<String> questions = new ArrayList<>();
        for (String question : raw) {
            String trimmed = question == null ? "" : question.strip();
            if (!trimmed.isEmpty() && trimmed.length() <= MAX_LENGTH && !questions.contains(trimmed)) {
                questions.add(trimmed);
            }
            if (questions.size() == MAX_QUESTIONS) {
                break;
            }
        }
        return List.copyOf(questions);
    }
}
