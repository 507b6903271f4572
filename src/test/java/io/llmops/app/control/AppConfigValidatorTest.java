package io.llmops.app.control;

import io.llmops.model.control.ModelCatalog;
import io.llmops.platform.error.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AppConfigValidatorTest {

    private static final AppConfigValidator VALIDATOR = new AppConfigValidator(ModelCatalog.fromClasspath());

    /** JSON with single quotes for readability. */
    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text.replace('\'', '"')))) {
            return reader.readObject();
        }
    }

    private static List<FieldError> errors(String config) {
        return VALIDATOR.validate(json(config));
    }

    private static List<String> fields(String config) {
        return errors(config).stream().map(FieldError::field).toList();
    }

    private static String x(int n) {
        return "x".repeat(n);
    }

    @Test
    void defaultConfigIsValid() {
        assertThat(VALIDATOR.validate(AppConfig.defaults().toJsonObject())).isEmpty();
        assertThat(errors("{}")).isEmpty();
    }

    @Test
    void fullyConfiguredConfigIsValid() {
        assertThat(errors("""
                {'model_config': {'provider': 'openai', 'model': 'gpt-4o-mini',
                                  'parameters': {'temperature': 0.7, 'top_p': 1, 'max_tokens': 2048}},
                 'dialog_round': 100, 'preset_prompt': 'You are helpful', 'long_term_memory': {'enable': true},
                 'opening_statement': 'Hi', 'opening_questions': ['a', 'b', 'c'],
                 'suggested_after_answer': {'enable': true},
                 'review_config': {'enable': true, 'keywords': ['bad'],
                                   'inputs_config': {'enable': true, 'preset_response': 'No.'},
                                   'outputs_config': {'enable': true}},
                 'tools': [], 'workflows': [], 'datasets': [],
                 'retrieval_config': {'retrieval_strategy': 'hybrid', 'k': 10, 'score': 1},
                 'speech_to_text': {'enable': true}, 'text_to_speech': {'enable': true, 'voice': 'alloy'}}
                """)).isEmpty();
    }

    @Test
    void nullsMeanDefaults() {
        assertThat(errors("{'model_config': null, 'dialog_round': null, 'retrieval_config': {'k': null}, "
                + "'text_to_speech': {'voice': null}}")).isEmpty();
    }

    @Test
    void unknownKeysAreNamedAtEveryLevel() {
        assertThat(fields("{'colour': 1, 'retrieval_config': {'top': 3}, 'review_config': {'inputs_config': {'x': 1}}}"))
                .containsExactly("colour", "review_config.inputs_config.x", "retrieval_config.top");
    }

    @Test
    void modelNeedsProviderAndModel() {
        assertThat(errors("{'model_config': {}}")).containsExactly(
                new FieldError("model_config.provider", "is required"), new FieldError("model_config.model", "is required"));
        assertThat(fields("{'model_config': {'provider': ' ', 'model': 5}}"))
                .containsExactly("model_config.provider", "model_config.model");
        assertThat(fields("{'model_config': 'gpt'}")).containsExactly("model_config");
    }

    @Test
    void unknownProviderIsNamed() {
        assertThat(errors("{'model_config': {'provider': 'nope', 'model': 'gpt-4o-mini'}}"))
                .containsExactly(new FieldError("model_config.provider", "is not a known model provider"));
    }

    @Test
    void unknownModelIsNamed() {
        assertThat(errors("{'model_config': {'provider': 'openai', 'model': 'gpt-0'}}"))
                .containsExactly(new FieldError("model_config.model", "is not a model of openai"));
    }

    @Test
    void customEndpointTakesAnyModelName() {
        assertThat(errors("{'model_config': {'provider': 'openai_compatible', 'model': 'llama-3-70b'}}")).isEmpty();
    }

    @Test
    void parametersFollowTheModelsRules() {
        assertThat(fields("""
                {'model_config': {'provider': 'openai', 'model': 'gpt-4o-mini',
                  'parameters': {'temperature': 2.5, 'top_p': 'high', 'max_tokens': 1.5, 'seed': 1}}}
                """)).containsExactlyInAnyOrder("model_config.parameters.temperature", "model_config.parameters.top_p",
                "model_config.parameters.max_tokens", "model_config.parameters.seed");
        assertThat(fields("{'model_config': {'provider': 'openai', 'model': 'gpt-4o-mini', 'parameters': []}}"))
                .containsExactly("model_config.parameters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "3", "100"})
    void dialogRoundWithinBoundsIsValid(String value) {
        assertThat(errors("{'dialog_round': " + value + "}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "101", "2.5", "'3'", "true"})
    void dialogRoundOutsideBoundsOrNotWholeIsRefused(String value) {
        assertThat(fields("{'dialog_round': " + value + "}")).containsExactly("dialog_round");
    }

    @Test
    void presetPromptIsBounded() {
        assertThat(errors("{'preset_prompt': '" + x(20_000) + "'}")).isEmpty();
        assertThat(errors("{'preset_prompt': '" + x(20_001) + "'}"))
                .containsExactly(new FieldError("preset_prompt", "must be at most 20000 characters"));
        assertThat(fields("{'preset_prompt': 1}")).containsExactly("preset_prompt");
    }

    @Test
    void openingStatementIsBounded() {
        assertThat(errors("{'opening_statement': '" + x(2_000) + "'}")).isEmpty();
        assertThat(fields("{'opening_statement': '" + x(2_001) + "'}")).containsExactly("opening_statement");
    }

    @Test
    void atMostThreeOpeningQuestionsOfAtMost200Characters() {
        assertThat(errors("{'opening_questions': ['" + x(200) + "']}")).isEmpty();
        assertThat(errors("{'opening_questions': ['a', 'b', 'c', 'd']}"))
                .containsExactly(new FieldError("opening_questions", "must have at most 3 items"));
        assertThat(fields("{'opening_questions': ['" + x(201) + "', ' ', 7]}"))
                .containsExactly("opening_questions[0]", "opening_questions[1]", "opening_questions[2]");
        assertThat(fields("{'opening_questions': 'why?'}")).containsExactly("opening_questions");
    }

    @Test
    void togglesAreBooleans() {
        assertThat(fields("{'long_term_memory': {'enable': 'yes'}, 'suggested_after_answer': true, "
                + "'speech_to_text': {'enable': 1}}"))
                .containsExactly("long_term_memory.enable", "suggested_after_answer", "speech_to_text.enable");
    }

    @Test
    void reviewNeedsKeywordsAndADirectionWhenEnabled() {
        assertThat(errors("{'review_config': {'enable': true}}")).containsExactly(
                new FieldError("review_config.keywords", "needs at least one keyword when review is enabled"),
                new FieldError("review_config", "needs inputs_config or outputs_config enabled when review is enabled"));
        assertThat(errors("{'review_config': {'enable': false, 'inputs_config': {'enable': true}}}")).isEmpty();
    }

    @Test
    void inputReviewNeedsAPresetResponse() {
        assertThat(fields("{'review_config': {'enable': true, 'keywords': ['x'], 'inputs_config': {'enable': true}}}"))
                .containsExactly("review_config.inputs_config.preset_response");
        assertThat(fields("{'review_config': {'inputs_config': {'preset_response': '" + x(2_001) + "'}}}"))
                .containsExactly("review_config.inputs_config.preset_response");
    }

    @Test
    void keywordsAreBounded() {
        String hundred = "'k'" + ", 'k'".repeat(99);
        assertThat(errors("{'review_config': {'keywords': [" + hundred + "]}}")).isEmpty();
        assertThat(fields("{'review_config': {'keywords': [" + hundred + ", 'k']}}")).containsExactly("review_config.keywords");
        assertThat(fields("{'review_config': {'keywords': ['" + x(50) + "', '" + x(51) + "']}}"))
                .containsExactly("review_config.keywords[1]");
    }

    @Test
    void everyToolWorkflowAndDatasetIsAnUnknownReferenceForNow() {
        assertThat(errors("{'tools': [{'provider_id': 'time'}, 'x'], 'workflows': ['00000000-0000-0000-0000-000000000001'],"
                + " 'datasets': [1]}")).containsExactly(
                new FieldError("tools[0]", "is not a known tool"), new FieldError("tools[1]", "is not a known tool"),
                new FieldError("workflows[0]", "is not a known workflow"), new FieldError("datasets[0]", "is not a known dataset"));
        assertThat(fields("{'tools': {}}")).containsExactly("tools");
    }

    @Test
    void datasetsMustBeIdsTheWorkspaceKnows() {
        UUID known = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
        AppConfigValidator validator = new AppConfigValidator(ModelCatalog.fromClasspath(), entry -> false, known::equals);
        assertThat(validator.validate(json("{'datasets': ['" + known + "']}"))).isEmpty();
        assertThat(validator.validate(json("{'datasets': ['" + known + "', '" + UUID.randomUUID() + "', 'nope', 7]}")))
                .extracting(FieldError::field).containsExactly("datasets[1]", "datasets[2]", "datasets[3]");
    }

    @Test
    void retrievalConfigFollowsItsRules() {
        assertThat(errors("{'retrieval_config': {'retrieval_strategy': 'semantic', 'k': 1, 'score': 0}}")).isEmpty();
        assertThat(errors("{'retrieval_config': {'retrieval_strategy': 'full_text', 'k': 11, 'score': 1.5}}")).containsExactly(
                new FieldError("retrieval_config.k", "must be between 1 and 10"),
                new FieldError("retrieval_config.score", "must be between 0 and 1"));
        assertThat(errors("{'retrieval_config': {'retrieval_strategy': 'fuzzy', 'k': 0, 'score': -0.1}}")).containsExactly(
                new FieldError("retrieval_config.retrieval_strategy", "must be one of semantic, full_text, hybrid"),
                new FieldError("retrieval_config.k", "must be between 1 and 10"),
                new FieldError("retrieval_config.score", "must be between 0 and 1"));
        assertThat(fields("{'retrieval_config': {'k': 2.5, 'score': '0.5'}}"))
                .containsExactly("retrieval_config.k", "retrieval_config.score");
    }

    @Test
    void textToSpeechVoiceIsAShortString() {
        assertThat(errors("{'text_to_speech': {'enable': true, 'voice': '" + x(64) + "'}}")).isEmpty();
        assertThat(fields("{'text_to_speech': {'enable': 'on', 'voice': '" + x(65) + "'}}"))
                .containsExactly("text_to_speech.enable", "text_to_speech.voice");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(fields("{'dialog_round': 101, 'opening_questions': ['a','b','c','d'], 'tools': [{}], "
                + "'retrieval_config': {'k': 99}, 'model_config': {'provider': 'openai', 'model': 'nope'}}"))
                .containsExactly("model_config.model", "dialog_round", "opening_questions", "tools[0]", "retrieval_config.k");
    }

    @Test
    void toolEntriesAreCheckedWithTheGivenLookup() {
        AppConfigValidator withTime = new AppConfigValidator(ModelCatalog.fromClasspath(),
                entry -> "builtin".equals(entry.get("type")) && "time".equals(entry.get("provider")));

        assertThat(withTime.validate(json("{'tools': [{'type': 'builtin', 'provider': 'time', 'tool': 'current_time'}]}")))
                .isEmpty();
        assertThat(withTime.validate(json("{'tools': [{'type': 'builtin', 'provider': 'time'}, {'type': 'api'}, 'x']}")))
                .extracting(FieldError::field).containsExactly("tools[1]", "tools[2]");
    }
}
