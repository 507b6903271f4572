package io.llmops.app.control;

import io.llmops.platform.json.JsonbProvider;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An app's configuration: the draft a builder edits and, frozen, every published version. A missing
 * or null value means "the default"; the compact constructors fill the defaults in, so a config
 * read from JSON is always complete. On the wire and in the database it is snake_case JSON
 * ({@link #toJson()}, {@link #fromJson(String)}); {@link AppConfigValidator} holds the rules.
 *
 * @param modelConfig null until a model is chosen (a draft may lack it; publishing needs it); JSON leaves the key
 *                    out then (Yasson writes no null for an object-typed property, even when told to)
 * @param tools       tool references (objects); refused until the tool feature exists
 * @param workflows   workflow ids; refused until the workflow feature exists
 * @param datasets    ids of datasets of the app's workspace (searched by the knowledge_search tool)
 */
public record AppConfig(
        ModelConfig modelConfig,
        Integer dialogRound,
        String presetPrompt,
        Toggle longTermMemory,
        String openingStatement,
        List<String> openingQuestions,
        Toggle suggestedAfterAnswer,
        ReviewConfig reviewConfig,
        List<Map<String, Object>> tools,
        List<String> workflows,
        List<String> datasets,
        RetrievalConfig retrievalConfig,
        Toggle speechToText,
        TextToSpeech textToSpeech) {

    public static final int DEFAULT_DIALOG_ROUND = 3;

    public AppConfig {
        dialogRound = dialogRound == null ? DEFAULT_DIALOG_ROUND : dialogRound;
        presetPrompt = presetPrompt == null ? "" : presetPrompt;
        longTermMemory = Toggle.orOff(longTermMemory);
        openingStatement = openingStatement == null ? "" : openingStatement;
        openingQuestions = openingQuestions == null ? List.of() : List.copyOf(openingQuestions);
        suggestedAfterAnswer = Toggle.orOff(suggestedAfterAnswer);
        reviewConfig = reviewConfig == null ? new ReviewConfig(false, null, null, null) : reviewConfig;
        tools = tools == null ? List.of() : tools.stream().map(AppConfig::frozen).toList();
        workflows = workflows == null ? List.of() : List.copyOf(workflows);
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        retrievalConfig = retrievalConfig == null ? new RetrievalConfig(null, null, null) : retrievalConfig;
        speechToText = Toggle.orOff(speechToText);
        textToSpeech = textToSpeech == null ? new TextToSpeech(false, null) : textToSpeech;
    }

    /** A new app's config: no model yet, every other section at its default. */
    public static AppConfig defaults() {
        return new AppConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static AppConfig fromJson(String json) {
        return JsonbProvider.shared().fromJson(json, AppConfig.class);
    }

    public String toJson() {
        return JsonbProvider.shared().toJson(this);
    }

    public JsonObject toJsonObject() {
        try (var reader = Json.createReader(new StringReader(toJson()))) {
            return reader.readObject();
        }
    }

    public boolean hasModel() {
        return modelConfig != null;
    }

    /**
     * The model and the parameters the builder set explicitly; the catalogue's defaults fill the rest
     * at call time ({@code ModelSpec.withDefaults}).
     */
    public record ModelConfig(String provider, String model, Map<String, BigDecimal> parameters) {
        public ModelConfig {
            parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /** A feature that is only switched on or off. */
    public record Toggle(boolean enable) {
        static Toggle orOff(Toggle toggle) {
            return toggle == null ? new Toggle(false) : toggle;
        }
    }

    /** Keyword moderation of the user's input (answered with a preset response) and of the model's output (masked). */
    public record ReviewConfig(boolean enable, List<String> keywords, InputsReview inputsConfig, Toggle outputsConfig) {
        public ReviewConfig {
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
            inputsConfig = inputsConfig == null ? new InputsReview(false, null) : inputsConfig;
            outputsConfig = Toggle.orOff(outputsConfig);
        }
    }

    public record InputsReview(boolean enable, String presetResponse) {
        public InputsReview {
            presetResponse = presetResponse == null ? "" : presetResponse;
        }
    }

    public enum RetrievalStrategy { semantic, full_text, hybrid }

    /** How datasets are searched: strategy, top k and the minimum score a segment needs. */
    public record RetrievalConfig(RetrievalStrategy retrievalStrategy, Integer k, Double score) {
        public static final int DEFAULT_K = 10;
        public static final double DEFAULT_SCORE = 0.5;

        public RetrievalConfig {
            retrievalStrategy = retrievalStrategy == null ? RetrievalStrategy.semantic : retrievalStrategy;
            k = k == null ? DEFAULT_K : k;
            score = score == null ? DEFAULT_SCORE : score;
        }
    }

    /** @param voice null: the model's default voice */
    public record TextToSpeech(boolean enable, @JsonbNillable String voice) {
    }

    private static Map<String, Object> frozen(Map<String, Object> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
