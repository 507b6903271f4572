package io.llmops.app.control;

import io.llmops.model.control.ModelCatalog;
import io.llmops.platform.error.ApiException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.llmops.app.control.AppConfigValidatorTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AppConfigEditorTest {

    private final AppConfigEditor editor = new AppConfigEditor(new AppConfigValidator(ModelCatalog.fromClasspath()));

    private static String q(String text) {
        return text.replace('\'', '"');
    }

    private AppConfig configured() {
        return editor.patch(AppConfig.defaults(), q("""
                {'model_config': {'provider': 'openai', 'model': 'gpt-4o-mini', 'parameters': {'temperature': 0.7}},
                 'preset_prompt': 'Be brief', 'opening_questions': ['a', 'b'],
                 'retrieval_config': {'retrieval_strategy': 'hybrid', 'k': 5}}
                """));
    }

    @Test
    void defaultsAreTheSeedsDefaults() {
        AppConfig config = AppConfig.defaults();

        assertThat(config.modelConfig()).isNull();
        assertThat(config.dialogRound()).isEqualTo(3);
        assertThat(config.presetPrompt()).isEmpty();
        assertThat(config.openingQuestions()).isEmpty();
        assertThat(config.reviewConfig().enable()).isFalse();
        assertThat(config.reviewConfig().inputsConfig().presetResponse()).isEmpty();
        assertThat(config.retrievalConfig()).isEqualTo(new AppConfig.RetrievalConfig(AppConfig.RetrievalStrategy.semantic, 10, 0.5));
        assertThat(config.textToSpeech()).isEqualTo(new AppConfig.TextToSpeech(false, null));
        assertThat(config.tools()).isEmpty();
    }

    @Test
    void jsonIsSnakeCaseAndReadsBackEqual() {
        AppConfig config = configured();
        String text = AppConfig.defaults().toJson();

        assertThat(text).doesNotContain("model_config").contains("\"dialog_round\":3", "\"retrieval_strategy\":\"semantic\"",
                "\"voice\":null");
        assertThat(AppConfig.fromJson(config.toJson())).isEqualTo(config);
        assertThat(AppConfig.fromJson("{}")).isEqualTo(AppConfig.defaults());
    }

    @Test
    void patchMergesTheGivenSectionsOnly() {
        AppConfig patched = editor.patch(configured(), q("{'dialog_round': 7, 'retrieval_config': {'score': 0.8}}"));

        assertThat(patched.dialogRound()).isEqualTo(7);
        assertThat(patched.presetPrompt()).isEqualTo("Be brief");
        assertThat(patched.modelConfig().parameters()).containsEntry("temperature", new BigDecimal("0.7"));
        assertThat(patched.retrievalConfig())
                .isEqualTo(new AppConfig.RetrievalConfig(AppConfig.RetrievalStrategy.hybrid, 5, 0.8));
    }

    @Test
    void nestedObjectsMergeAndArraysAreReplaced() {
        AppConfig patched = editor.patch(configured(), q("""
                {'model_config': {'parameters': {'top_p': 0.5}}, 'opening_questions': ['c']}
                """));

        assertThat(patched.modelConfig().model()).isEqualTo("gpt-4o-mini");
        assertThat(patched.modelConfig().parameters())
                .isEqualTo(Map.of("temperature", new BigDecimal("0.7"), "top_p", new BigDecimal("0.5")));
        assertThat(patched.openingQuestions()).containsExactly("c");
    }

    @Test
    void nullResetsToTheDefault() {
        AppConfig patched = editor.patch(configured(), q("""
                {'model_config': {'parameters': {'temperature': null}}, 'retrieval_config': null, 'preset_prompt': null}
                """));

        assertThat(patched.modelConfig().parameters()).isEmpty();
        assertThat(patched.retrievalConfig()).isEqualTo(AppConfig.defaults().retrievalConfig());
        assertThat(patched.presetPrompt()).isEmpty();
        assertThat(editor.patch(patched, q("{'model_config': null}")).modelConfig()).isNull();
    }

    @Test
    void theWholeResultIsValidatedAndNothingChangesOnError() {
        AppConfig draft = configured();
        ApiException error = catchThrowableOfType(ApiException.class,
                () -> editor.patch(draft, q("{'model_config': {'model': 'gpt-0'}, 'dialog_round': -1}")));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("validation_failed");
        assertThat(error.errors()).extracting("field").containsExactly("model_config.model", "dialog_round");
        assertThat(draft.dialogRound()).isEqualTo(3);
    }

    @Test
    void bodyMustBeAJsonObject() {
        for (String body : List.of("[]", "3", "{", "nope")) {
            assertThatThrownBy(() -> editor.patch(AppConfig.defaults(), body))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("malformed_json"));
        }
        assertThatThrownBy(() -> editor.patch(AppConfig.defaults(), " "))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors()).extracting("field").containsExactly("body"));
    }

    @Test
    void emptyPatchKeepsTheDraft() {
        assertThat(editor.patch(configured(), "{}")).isEqualTo(configured());
    }

    @Test
    void checkRefusesAStoredConfigTheCatalogueNoLongerKnows() {
        AppConfig stale = AppConfig.fromJson(q("{'model_config': {'provider': 'openai', 'model': 'retired'}}"));

        assertThatThrownBy(() -> editor.check(stale)).isInstanceOf(ApiException.class);
    }

    @Test
    void mergeFollowsRfc7396() {
        assertThat(AppConfigEditor.merge(json("{'a': {'b': 1, 'c': 2}, 'd': [1]}"), json("{'a': {'c': null, 'e': 3}, 'd': [2]}")))
                .isEqualTo(json("{'a': {'b': 1, 'e': 3}, 'd': [2]}"));
    }
}
