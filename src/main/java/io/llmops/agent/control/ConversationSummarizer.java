package io.llmops.agent.control;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;

/**
 * Long-term memory: folds the latest round into the conversation's running summary with one
 * blocking call to the app's model. The summary then rides along in the system prompt of later
 * turns ({@link #systemPrompt}), so facts outlive the short-term memory window.
 */
public final class ConversationSummarizer {

    /** Longest summary kept; a model that rambles is cut here. */
    public static final int MAX_SUMMARY = 4_000;

    static final String PROMPT = """
            You maintain a short summary of a conversation between a user and an assistant. Merge the \
            previous summary with the new exchange into one updated summary of at most 200 words. Keep \
            facts about the user, their goals and decisions, and what was answered; drop small talk. \
            Write in the language of the conversation and answer with the summary only.""";

    static final String SUMMARY_HEADING = "\n\nSummary of the conversation so far:\n";

    private final ChatModel model;

    public ConversationSummarizer(ChatModel model) {
        this.model = model;
    }

    /**
     * The new summary. Throws what the model throws; the caller runs this in the background and
     * decides what a failure means (it keeps the old summary).
     */
    public String summarize(String previousSummary, String query, String answer) {
        String previous = previousSummary == null || previousSummary.isBlank() ? "(none yet)" : previousSummary.strip();
        String request = "Previous summary:\n" + previous + "\n\nNew exchange:\nUser: " + query
                + "\nAssistant: " + (answer == null ? "" : answer);
        String text = model.chat(SystemMessage.from(PROMPT), UserMessage.from(request)).aiMessage().text();
        if (text == null || text.isBlank()) {
            throw new IllegalStateException("the model answered an empty summary");
        }
        String summary = text.strip();
        return summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) : summary;
    }

    /** The preset prompt, followed by the summary when there is one. */
    public static String systemPrompt(String presetPrompt, String summary) {
        String preset = presetPrompt == null ? "" : presetPrompt;
        if (summary == null || summary.isBlank()) {
            return preset;
        }
        return preset + SUMMARY_HEADING + summary.strip();
    }
}
