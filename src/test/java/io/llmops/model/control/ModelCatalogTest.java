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

    @Test
    void everyProviderOffersModelsAndEveryRuleIsConsistent() {
        assertThat(catalog.providers()).extracting(ProviderSpec::name).contains("openai", "azure_openai", "anthropic",
                "gemini", "ollama", "deepseek", "moonshot", "qwen", "zhipu", "openai_compatible");
        assertThat(catalog.providers()).extracting(ProviderSpec::kind).allMatch(java.util.Set.of("openai", "azure_openai",
                "anthropic", "gemini", "ollama", "openai_compatible")::contains);
        for (ProviderSpec provider : catalog.providers()) {
            assertThat(!provider.models().isEmpty() || provider.customModelTemplate() != null)
                    .as(provider.name() + " has a model or a template").isTrue();
            assertThat(provider.credentialFields()).as(provider.name() + " credential fields")
                    .extracting(ProviderSpec.CredentialField::name)
                    .allMatch(java.util.Set.of("api_key", "base_url", "api_version", "deployment")::contains);
            java.util.List<ModelSpec> models = new java.util.ArrayList<>(provider.models());
            if (provider.customModelTemplate() != null) {
                models.add(provider.customModelTemplate());
            }
            for (ModelSpec model : models) {
                String where = provider.name() + "/" + model.name();
                assertThat(model.label()).as(where).isNotBlank();
                assertThat(model.contextSize()).as(where).isPositive();
                assertThat(model.features()).as(where).contains(ModelSpec.STREAM)
                        .allMatch(java.util.Set.of(ModelSpec.TOOL_CALL, ModelSpec.STREAM, ModelSpec.VISION)::contains);
                assertThat(model.pricing().input()).as(where).isNotNegative();
                assertThat(model.pricing().output()).as(where).isNotNegative();
                assertThat(model.pricing().currency()).as(where).isIn("USD", "CNY");
                assertThat(model.parameterRules()).as(where).extracting(ModelSpec.ParameterRule::name)
                        .contains("max_tokens").doesNotHaveDuplicates()
                        .allMatch(java.util.Set.of("temperature", "top_p", "max_tokens", "presence_penalty",
                                "frequency_penalty")::contains);
                if (provider.kind().equals("anthropic") || provider.kind().equals("ollama")) {
                    // LangChain4j refuses penalties for these providers (UnsupportedFeatureException)
                    assertThat(model.parameterRules()).as(where).extracting(ModelSpec.ParameterRule::name)
                            .doesNotContain("presence_penalty", "frequency_penalty");
                }
                for (ModelSpec.ParameterRule rule : model.parameterRules()) {
                    assertThat(rule.min()).as(where + " " + rule.name()).isLessThanOrEqualTo(rule.defaultValue());
                    assertThat(rule.defaultValue()).as(where + " " + rule.name()).isLessThanOrEqualTo(rule.max());
                    assertThat(rule.type()).isIn("float", "int");
                }
            }
        }
    }

    @Test
    void seedDefaultsApplyWhereTheProviderSupportsThem() {
        Map<String, BigDecimal> defaults = catalog.model("deepseek", "deepseek-chat").orElseThrow().withDefaults(Map.of());

        assertThat(defaults.get("temperature")).isEqualByComparingTo("0.5");
        assertThat(defaults.get("top_p")).isEqualByComparingTo("0.85");
        assertThat(defaults.get("presence_penalty")).isEqualByComparingTo("0.2");
        assertThat(defaults.get("frequency_penalty")).isEqualByComparingTo("0.2");
        assertThat(catalog.model("deepseek", "deepseek-chat").orElseThrow().pricing().currency()).isEqualTo("CNY");
    }

    @Test
    void reasoningModelsTakeNoSamplingParameters() {
        assertThat(catalog.model("openai", "o3-mini").orElseThrow().check(Map.of("temperature", 0.5), "p"))
                .extracting(FieldError::field).containsExactly("p.temperature");
    }

    @Test
    void azureAcceptsAnyDeploymentName() {
        assertThat(catalog.model("azure_openai", "my-gpt4o-deployment")).isPresent();
        assertThat(catalog.provider("azure_openai").orElseThrow().credentialFields())
                .extracting(ProviderSpec.CredentialField::name).containsExactly("api_key", "base_url", "api_version", "deployment");
    }
}
