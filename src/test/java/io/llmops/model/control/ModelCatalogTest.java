package io.llmops.model.control;

import io.llmops.platform.error.FieldError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelCatalogTest {

    private final ModelCatalog catalog = ModelCatalog.fromClasspath();

    @Test
    void listedModelIsFoundWithItsRules() {
        ModelSpec model = catalog.model("openai", "gpt-4o-mini").orElseThrow();

        assertThat(model.supports(ModelSpec.TOOL_CALL)).isTrue();
        assertThat(model.contextSize()).isPositive();
        assertThat(model.parameterRules()).extracting(ModelSpec.ParameterRule::name)
                .contains("temperature", "top_p", "max_tokens", "presence_penalty", "frequency_penalty");
    }

    @Test
    void unknownProviderOrModelIsEmpty() {
        assertThat(catalog.model("nope", "gpt-4o-mini")).isEmpty();
        assertThat(catalog.model("openai", "gpt-0")).isEmpty();
    }

    @Test
    void customEndpointAcceptsAnyModelName() {
        assertThat(catalog.model("openai_compatible", "my-llama-70b").orElseThrow().name()).isEqualTo("my-llama-70b");
        assertThat(catalog.model("openai_compatible", "")).isEmpty();
    }

    @Test
    void parametersOutsideTheirRulesAreNamed() {
        ModelSpec model = catalog.model("openai", "gpt-4o-mini").orElseThrow();

        assertThat(model.check(Map.of("temperature", 3, "top_k", 2, "max_tokens", 1.5, "top_p", "high"), "p"))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("p.temperature", "p.top_k", "p.max_tokens", "p.top_p");
        assertThat(model.check(Map.of("temperature", 0.7, "max_tokens", 100), "p")).isEmpty();
    }

    @Test
    void defaultsFillWhatIsNotGiven() {
        ModelSpec model = catalog.model("openai", "gpt-4o-mini").orElseThrow();

        Map<String, BigDecimal> effective = model.withDefaults(Map.of("temperature", 0.9));

        assertThat(effective.get("temperature")).isEqualByComparingTo("0.9");
        assertThat(effective.get("top_p")).isEqualByComparingTo("0.85");
    }

    @Test
    void priceIsPerMillionTokens() {
        ModelSpec model = catalog.model("openai", "gpt-4o-mini").orElseThrow();

        assertThat(model.price(1_000_000, 1_000_000)).isEqualByComparingTo("0.75");
    }
}
