package io.llmops.app.control;

import io.llmops.app.control.AppConfig.RetrievalStrategy;
import io.llmops.model.control.ModelCatalog;
import io.llmops.model.control.ModelSpec;
import io.llmops.platform.error.FieldError;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.Set;
import java.util.UUID;

/**
 * The rules of an app config, checked on the whole JSON document so that every problem — a wrong
 * type as much as a value out of range — comes back as one field error named by its JSON path
 * ({@code model_config.parameters.temperature}, {@code opening_questions[1]}). Plain Java.
 */
public final class AppConfigValidator {

    public static final int MAX_DIALOG_ROUND = 100;
    public static final int MAX_PRESET_PROMPT = 20_000;
    public static final int MAX_OPENING_STATEMENT = 2_000;
    public static final int MAX_OPENING_QUESTIONS = 3;
    public static final int MAX_OPENING_QUESTION = 200;
    public static final int MAX_KEYWORDS = 100;
    public static final int MAX_KEYWORD = 50;
    public static final int MAX_PRESET_RESPONSE = 2_000;
    public static final int MAX_K = 10;
    public static final int MAX_VOICE = 64;
    public static final int MAX_REFERENCES = 50;

    private static final Set<String> KEYS = Set.of("model_config", "dialog_round", "preset_prompt", "long_term_memory",
            "opening_statement", "opening_questions", "suggested_after_answer", "review_config", "tools", "workflows",
            "datasets", "retrieval_config", "speech_to_text", "text_to_speech");
    private static final List<String> STRATEGIES = Arrays.stream(RetrievalStrategy.values()).map(Enum::name).toList();

    private final ModelCatalog catalog;
    private final Predicate<Map<String, Object>> knownTool;
    private final Predicate<UUID> knownDataset;

    /** A validator that knows no tools and no datasets (every entry is an unknown reference). */
    public AppConfigValidator(ModelCatalog catalog) {
        this(catalog, entry -> false);
    }

    /** @param knownTool whether a tool entry names a tool the app's workspace can use */
    public AppConfigValidator(ModelCatalog catalog, Predicate<Map<String, Object>> knownTool) {
        this(catalog, knownTool, id -> false);
    }

    /** @param knownDataset whether an id names a live dataset of the app's workspace */
    public AppConfigValidator(ModelCatalog catalog, Predicate<Map<String, Object>> knownTool, Predicate<UUID> knownDataset) {
        this.catalog = catalog;
        this.knownTool = knownTool;
        this.knownDataset = knownDataset;
    }

    /** Every problem of the config, in document order; empty when it is valid. */
    public List<FieldError> validate(JsonObject config) {
        List<FieldError> errors = new ArrayList<>();
        JsonSection root = JsonSection.root(config, errors);
        root.onlyKeys(KEYS);
        root.section("model_config", Set.of("provider", "model", "parameters")).ifPresent(this::modelConfig);
        root.integer("dialog_round", 0, MAX_DIALOG_ROUND);
        root.string("preset_prompt", MAX_PRESET_PROMPT);
        root.toggle("long_term_memory");
        root.string("opening_statement", MAX_OPENING_STATEMENT);
        root.strings("opening_questions", MAX_OPENING_QUESTIONS, MAX_OPENING_QUESTION);
        root.toggle("suggested_after_answer");
        root.section("review_config", Set.of("enable", "keywords", "inputs_config", "outputs_config"))
                .ifPresent(AppConfigValidator::reviewConfig);
        tools(root);
        // Workflows do not exist yet, so every entry is an unknown reference. When they arrive, their
        // lookup (scoped to the app's workspace) plugs in here like tools and datasets.
        unknownReferences(root, "workflows", "workflow");
        datasets(root);
        root.section("retrieval_config", Set.of("retrieval_strategy", "k", "score")).ifPresent(retrieval -> {
            retrieval.oneOf("retrieval_strategy", STRATEGIES);
            retrieval.integer("k", 1, MAX_K);
            retrieval.number("score", BigDecimal.ZERO, BigDecimal.ONE);
        });
        root.toggle("speech_to_text");
        root.section("text_to_speech", Set.of("enable", "voice")).ifPresent(tts -> {
            tts.bool("enable");
            tts.string("voice", MAX_VOICE);
        });
        return errors;
    }

    private void modelConfig(JsonSection model) {
        Optional<String> providerName = model.requiredString("provider", 64);
        Optional<String> modelName = model.requiredString("model", 128);
        Optional<JsonObject> parameters = model.object("parameters");
        if (providerName.isEmpty()) {
            return;
        }
        if (catalog.provider(providerName.get()).isEmpty()) {
            model.fail("provider", "is not a known model provider");
            return;
        }
        if (modelName.isEmpty()) {
            return;
        }
        Optional<ModelSpec> spec = catalog.model(providerName.get(), modelName.get());
        if (spec.isEmpty()) {
            model.fail("model", "is not a model of " + providerName.get());
            return;
        }
        parameters.ifPresent(p -> model.addAll(spec.get().check(plain(p), model.path("parameters"))));
    }

    private static void reviewConfig(JsonSection review) {
        boolean enabled = review.bool("enable");
        List<String> keywords = review.strings("keywords", MAX_KEYWORDS, MAX_KEYWORD);
        Optional<JsonSection> inputs = review.section("inputs_config", Set.of("enable", "preset_response"));
        boolean inputsEnabled = inputs.map(s -> s.bool("enable")).orElse(false);
        String presetResponse = inputs.flatMap(s -> s.string("preset_response", MAX_PRESET_RESPONSE)).orElse("");
        boolean outputsEnabled = review.toggle("outputs_config");
        if (!enabled) {
            return;
        }
        if (keywords.isEmpty()) {
            review.fail("keywords", "needs at least one keyword when review is enabled");
        }
        if (!inputsEnabled && !outputsEnabled) {
            review.failHere("needs inputs_config or outputs_config enabled when review is enabled");
        }
        if (inputsEnabled && presetResponse.isBlank()) {
            inputs.get().fail("preset_response", "is required when input review is enabled");
        }
    }

    private void tools(JsonSection root) {
        root.array("tools", MAX_REFERENCES).ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof JsonObject entry) || !knownTool.test(strings(entry))) {
                    root.fail("tools[" + i + "]", "is not a known tool");
                }
            }
        });
    }

    /** The string members of a tool entry (its type, provider, tool, ids). */
    private static Map<String, Object> strings(JsonObject entry) {
        Map<String, Object> values = new LinkedHashMap<>();
        entry.forEach((key, value) -> {
            if (value instanceof JsonString text) {
                values.put(key, text.getString());
            }
        });
        return values;
    }

    private void datasets(JsonSection root) {
        root.array("datasets", MAX_REFERENCES).ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof JsonString id) || !knownDataset.test(uuid(id.getString()))) {
                    root.fail("datasets[" + i + "]", "is not a known dataset");
                }
            }
        });
    }

    /** The id, or null when the text is not a UUID (no dataset has that id). */
    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void unknownReferences(JsonSection root, String key, String what) {
        root.array(key, MAX_REFERENCES).ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                root.fail(key + "[" + i + "]", "is not a known " + what);
            }
        });
    }

    /** Parameters as Java values, the form {@link ModelSpec#check} reads (numbers as BigDecimal). */
    private static Map<String, Object> plain(JsonObject parameters) {
        Map<String, Object> values = new LinkedHashMap<>();
        parameters.forEach((key, value) -> values.put(key, switch (value.getValueType()) {
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            case STRING -> ((JsonString) value).getString();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> value.toString();
        }));
        return values;
    }
}
