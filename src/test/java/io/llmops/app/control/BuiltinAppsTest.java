package io.llmops.app.control;

import io.llmops.app.control.BuiltinApps.Category;
import io.llmops.app.control.BuiltinApps.Template;
import io.llmops.model.control.ModelCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltinAppsTest {

    private static final BuiltinApps APPS = BuiltinApps.fromClasspath();
    private static final AppConfigValidator VALIDATOR = new AppConfigValidator(ModelCatalog.fromClasspath());

    @Test
    void shipsTheProductManagerAndTravelAssistantAndMore() {
        assertThat(APPS.list(null)).extracting(Template::id)
                .contains("product-manager", "travel-assistant")
                .hasSizeBetween(4, 6)
                .doesNotHaveDuplicates();
    }

    @Test
    void everyTemplateConfigPassesTheAppConfigRulesAsWritten() {
        for (Template template : APPS.list(null)) {
            assertThat(VALIDATOR.validate(template.rawConfig())).as(template.id()).isEmpty();
            assertThat(VALIDATOR.validate(template.config().toJsonObject())).as(template.id()).isEmpty();
        }
    }

    @Test
    void everyTemplateIsCompleteAndUsesGpt4oMini() {
        for (Template template : APPS.list(null)) {
            assertThat(template.id()).as("slug").matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(template.name()).as(template.id()).isNotBlank().hasSizeLessThanOrEqualTo(64);
            assertThat(template.description()).as(template.id()).isNotBlank().hasSizeLessThanOrEqualTo(400);
            assertThat(Icons.isValid(template.icon())).as(template.id() + " icon " + template.icon()).isTrue();
            assertThat(template.category()).as(template.id()).matches("[a-z_]+");
            AppConfig config = template.config();
            assertThat(config.modelConfig().provider()).isEqualTo("openai");
            assertThat(config.modelConfig().model()).isEqualTo("gpt-4o-mini");
            assertThat(config.modelConfig().parameters()).containsKeys("temperature", "max_tokens");
            assertThat(config.presetPrompt()).as(template.id()).hasSizeGreaterThan(500);
            assertThat(config.openingStatement()).as(template.id()).isNotBlank();
            assertThat(config.openingQuestions()).as(template.id()).hasSizeBetween(1, 3);
        }
    }

    @Test
    void categoriesCountTheirTemplatesInFirstSeenOrder() {
        List<Category> categories = APPS.categories();

        assertThat(categories).extracting(Category::category).doesNotHaveDuplicates();
        assertThat(categories.stream().mapToInt(Category::count).sum()).isEqualTo(APPS.list(null).size());
        for (Category category : categories) {
            assertThat(APPS.list(category.category())).hasSize(category.count());
        }
    }

    @Test
    void filteringByAnUnknownCategoryFindsNothingAndBlankMeansAll() {
        assertThat(APPS.list("no-such-category")).isEmpty();
        assertThat(APPS.list(" ")).hasSameSizeAs(APPS.list(null));
    }

    @Test
    void findsByIdOnly() {
        assertThat(APPS.find("travel-assistant")).map(Template::name).contains("Travel Assistant");
        assertThat(APPS.find("Travel Assistant")).isEmpty();
    }
}
