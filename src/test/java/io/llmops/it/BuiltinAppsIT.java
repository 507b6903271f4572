package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in template gallery and installing a template, over HTTP. */
@ExtendWith(LlmopsServer.class)
class BuiltinAppsIT {

    private final Api api = new Api();
    private Session session;

    @BeforeEach
    void signUp() {
        session = api.register();
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @Test
    void listShowsTheShippedTemplatesWithoutTheirConfig() {
        Reply reply = api.get("/api/builtin-apps", session.accessToken());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(ids(reply.json())).contains("product-manager", "travel-assistant").hasSizeGreaterThanOrEqualTo(4);
        JsonNode pm = reply.json().get(ids(reply.json()).indexOf("product-manager"));
        assertThat(pm.path("name").asText()).isEqualTo("Product Manager");
        assertThat(pm.path("description").asText()).contains("PRD");
        assertThat(pm.path("icon").asText()).isNotBlank();
        assertThat(pm.path("category").asText()).isNotBlank();
        assertThat(pm.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(pm.has("config")).isFalse();
    }

    @Test
    void categoriesCountTheTemplatesAndFilterTheList() {
        Reply categories = api.get("/api/builtin-apps/categories", session.accessToken());
        assertThat(categories.status()).isEqualTo(200);
        int total = 0;
        for (JsonNode category : categories.json()) {
            Reply filtered = api.get("/api/builtin-apps?category=" + category.path("category").asText(), session.accessToken());
            assertThat(filtered.json().size()).isEqualTo(category.path("count").asInt()).isPositive();
            filtered.json().forEach(t -> assertThat(t.path("category").asText()).isEqualTo(category.path("category").asText()));
            total += category.path("count").asInt();
        }
        assertThat(total).isEqualTo(api.get("/api/builtin-apps", session.accessToken()).json().size());
        assertThat(api.get("/api/builtin-apps?category=nothing-here", session.accessToken()).json().size()).isZero();
    }

    @Test
    void installCreatesAnAppWhoseDraftIsTheTemplateConfig() throws IOException {
        JsonNode template = api.get("/api/builtin-apps/travel-assistant", session.accessToken()).json();

        Reply installed = api.post("/api/builtin-apps/travel-assistant/install", session.accessToken(), "");

        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        String appId = installed.json().path("id").asText();
        assertThat(installed.json().path("name").asText()).isEqualTo("Travel Assistant");
        assertThat(installed.json().path("description").asText()).isEqualTo(template.path("description").asText());
        assertThat(installed.json().path("icon").asText()).isEqualTo(template.path("icon").asText());
        assertThat(installed.json().path("status").asText()).isEqualTo("draft");
        assertThat(installed.json().path("opening_statement").asText()).isEqualTo(
                template.at("/config/opening_statement").asText());

        JsonNode draft = api.get("/api/apps/" + appId + "/draft-config", session.accessToken()).json();
        assertThat(draft).isEqualTo(template.path("config"));
        try (InputStream file = getClass().getClassLoader().getResourceAsStream("builtin-apps/travel-assistant.json")) {
            JsonNode shipped = Api.JSON.readTree(file).path("config");
            assertThat(draft.path("preset_prompt")).isEqualTo(shipped.path("preset_prompt"));
            assertThat(draft.at("/model_config/model").asText()).isEqualTo(shipped.at("/model_config/model").asText());
            assertThat(draft.path("opening_questions")).isEqualTo(shipped.path("opening_questions"));
        }

        assertThat(ids(api.get("/api/apps", session.accessToken()).json().path("items"))).contains(appId);
        Session other = api.register();
        assertThat(ids(api.get("/api/apps", other.accessToken()).json().path("items"))).doesNotContain(appId);
        assertThat(api.get("/api/apps/" + appId, other.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void installingTwiceGivesTwoIndependentApps() {
        String first = api.post("/api/builtin-apps/product-manager/install", session.accessToken(), "").json().path("id").asText();
        String second = api.post("/api/builtin-apps/product-manager/install", session.accessToken(), "").json().path("id").asText();

        assertThat(first).isNotEqualTo(second);
        api.patch("/api/apps/" + first + "/draft-config", session.accessToken(), "{\"preset_prompt\":\"changed\"}");
        assertThat(api.get("/api/apps/" + second + "/draft-config", session.accessToken()).json().path("preset_prompt").asText())
                .isNotEqualTo("changed");
        assertThat(api.get("/api/builtin-apps/product-manager", session.accessToken()).json().at("/config/preset_prompt").asText())
                .isNotEqualTo("changed");
    }

    @Test
    void unknownTemplateIsNotFound() {
        Reply install = api.post("/api/builtin-apps/no-such-template/install", session.accessToken(), "");
        assertThat(install.status()).isEqualTo(404);
        assertThat(install.code()).isEqualTo("not_found");
        assertThat(api.get("/api/builtin-apps/no-such-template", session.accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/apps", session.accessToken()).json().path("total").asInt()).isZero();
    }

    @Test
    void galleryNeedsSignIn() {
        assertThat(api.get("/api/builtin-apps", null).status()).isEqualTo(401);
        assertThat(api.post("/api/builtin-apps/product-manager/install", null, "").status()).isEqualTo(401);
    }
}
