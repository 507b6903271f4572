package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.llmops.it.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LlmopsServer.class)
class AppsIT {

    private final Api api = new Api();

    static JsonNode createApp(Api api, Session session, String name) {
        Reply reply = api.post("/api/apps", session.accessToken(), object("name", name));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    /** PATCHes the draft config; single quotes in {@code json} stand for double quotes. */
    static Reply patchDraft(Api api, Session session, String appId, String json) {
        return api.patch("/api/apps/" + appId + "/draft-config", session.accessToken(), json.replace('\'', '"'));
    }

    @Test
    void createAnswersTheNewDraftApp() {
        Session alice = api.register();
        Reply reply = api.post("/api/apps", alice.accessToken(),
                object("name", "  Travel helper ", "description", "Plans trips", "icon", "✈️"));

        JsonNode app = reply.json();
        assertThat(reply.status()).isEqualTo(201);
        assertThat(app.path("id").asText()).hasSize(36);
        assertThat(app.path("name").asText()).isEqualTo("Travel helper");
        assertThat(app.path("description").asText()).isEqualTo("Plans trips");
        assertThat(app.path("icon").asText()).isEqualTo("✈️");
        assertThat(app.path("status").asText()).isEqualTo("draft");
        assertThat(app.path("published_version").isNull()).isTrue();
        assertThat(app.path("opening_statement").asText()).isEmpty();
        assertThat(app.path("opening_questions").isArray()).isTrue();
        assertThat(app.path("created_by").asText()).isEqualTo(alice.accountId());
        assertThat(api.get("/api/apps/" + app.path("id").asText(), alice.accessToken()).json()).isEqualTo(app);
    }

    @Test
    void createFillsDescriptionAndIconWhenAbsent() {
        JsonNode app = createApp(api, api.register(), "Bare");

        assertThat(app.path("description").asText()).isEmpty();
        assertThat(app.path("icon").asText()).isEqualTo("🤖");
    }

    @Test
    void createNamesEveryBadField() {
        Session alice = api.register();
        Reply reply = api.post("/api/apps", alice.accessToken(),
                object("name", " ", "description", "d".repeat(401), "icon", "javascript:alert(1)"));
        Reply tooLong = api.post("/api/apps", alice.accessToken(), object("name", "n".repeat(65)));
        Reply noBody = api.raw("POST", "/api/apps", alice.accessToken(), "application/json", "");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("validation_failed");
        assertThat(reply.json().path("errors").findValuesAsText("field")).containsExactly("description", "icon", "name");
        assertThat(tooLong.json().path("errors").findValuesAsText("field")).containsExactly("name");
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(api.get("/api/apps", alice.accessToken()).json().path("total").asLong()).isZero();
    }

    @Test
    void listIsNewestFirstPagedAndSearchedByNameIgnoringCase() {
        Session alice = api.register();
        String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        createApp(api, alice, "Alpha " + tag);
        createApp(api, alice, "beta " + tag);
        createApp(api, alice, "GAMMA " + tag.toUpperCase());
        createApp(api, alice, "Unrelated");

        JsonNode first = api.get("/api/apps?search=" + tag + "&page_size=2", alice.accessToken()).json();
        JsonNode second = api.get("/api/apps?search=" + tag + "&page=2&page_size=2", alice.accessToken()).json();
        JsonNode all = api.get("/api/apps", alice.accessToken()).json();

        assertThat(first.path("total").asLong()).isEqualTo(3);
        assertThat(first.path("page").asInt()).isEqualTo(1);
        assertThat(first.path("page_size").asInt()).isEqualTo(2);
        assertThat(first.path("items").findValuesAsText("name")).containsExactly("GAMMA " + tag.toUpperCase(), "beta " + tag);
        assertThat(second.path("items").findValuesAsText("name")).containsExactly("Alpha " + tag);
        assertThat(all.path("total").asLong()).isEqualTo(4);
        assertThat(all.path("items").get(0).path("name").asText()).isEqualTo("Unrelated");
    }

    @Test
    void searchTreatsWildcardsLiterallyAndIsBounded() {
        Session alice = api.register();
        createApp(api, alice, "100% useful");
        createApp(api, alice, "Plain");

        Reply percent = api.get("/api/apps?search=" + URLEncoder.encode("0%", StandardCharsets.UTF_8), alice.accessToken());
        Reply underscore = api.get("/api/apps?search=_", alice.accessToken());
        Reply tooLong = api.get("/api/apps?search=" + "s".repeat(65), alice.accessToken());
        Reply badPage = api.get("/api/apps?page=0&page_size=101", alice.accessToken());

        assertThat(percent.json().path("items").findValuesAsText("name")).containsExactly("100% useful");
        assertThat(underscore.json().path("total").asLong()).isZero();
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("errors").findValuesAsText("field")).containsExactly("search");
        assertThat(badPage.json().path("errors").findValuesAsText("field")).containsExactly("page", "page_size");
    }

    @Test
    void getShowsTheDraftsOpeningStatementAndQuestions() {
        Session alice = api.register();
        String id = createApp(api, alice, "Greeter").path("id").asText();
        patchDraft(api, alice, id, "{'opening_statement': 'Hello!', 'opening_questions': ['What can you do?']}");

        JsonNode app = api.get("/api/apps/" + id, alice.accessToken()).json();

        assertThat(app.path("opening_statement").asText()).isEqualTo("Hello!");
        assertThat(app.path("opening_questions").get(0).asText()).isEqualTo("What can you do?");
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        Session alice = api.register();
        JsonNode created = api.post("/api/apps", alice.accessToken(),
                object("name", "Old", "description", "Keep me", "icon", "🐱")).json();
        String id = created.path("id").asText();

        Reply renamed = api.patch("/api/apps/" + id, alice.accessToken(), object("name", "New"));
        Reply reiconed = api.patch("/api/apps/" + id, alice.accessToken(),
                object("icon", "https://cdn.example.com/a.png", "description", ""));

        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().path("name").asText()).isEqualTo("New");
        assertThat(renamed.json().path("description").asText()).isEqualTo("Keep me");
        assertThat(reiconed.json().path("icon").asText()).isEqualTo("https://cdn.example.com/a.png");
        assertThat(reiconed.json().path("description").asText()).isEmpty();
        assertThat(reiconed.json().path("name").asText()).isEqualTo("New");
        assertThat(reiconed.json().path("created_at")).isEqualTo(created.path("created_at"));
    }

    @Test
    void patchRefusesBadFields() {
        Session alice = api.register();
        String id = createApp(api, alice, "Stable").path("id").asText();

        Reply reply = api.patch("/api/apps/" + id, alice.accessToken(), object("name", "", "icon", "not an icon"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("errors").findValuesAsText("field")).containsExactly("icon", "name");
        assertThat(api.get("/api/apps/" + id, alice.accessToken()).json().path("name").asText()).isEqualTo("Stable");
    }

    @Test
    void copyIsANewDraftWithTheSameDraftConfig() {
        Session alice = api.register();
        String id = createApp(api, alice, "Original").path("id").asText();
        patchDraft(api, alice, id, "{'model_config': {'provider': 'openai', 'model': 'gpt-4o-mini'}, 'preset_prompt': 'Be kind'}");
        api.post("/api/apps/" + id + "/publish", alice.accessToken(), "{}");

        Reply copy = api.post("/api/apps/" + id + "/copy", alice.accessToken(), "{}");
        String copyId = copy.json().path("id").asText();

        assertThat(copy.status()).isEqualTo(201);
        assertThat(copyId).isNotEqualTo(id);
        assertThat(copy.json().path("name").asText()).isEqualTo("Original (copy)");
        assertThat(copy.json().path("status").asText()).isEqualTo("draft");
        assertThat(copy.json().path("published_version").isNull()).isTrue();
        assertThat(api.get("/api/apps/" + copyId + "/draft-config", alice.accessToken()).json())
                .isEqualTo(api.get("/api/apps/" + id + "/draft-config", alice.accessToken()).json());
        assertThat(api.get("/api/apps/" + copyId + "/publish-histories", alice.accessToken()).json().path("total").asLong())
                .isZero();
    }

    @Test
    void deletedAppIsGoneEverywhere() {
        Session alice = api.register();
        String id = createApp(api, alice, "Doomed").path("id").asText();

        Reply deleted = api.delete("/api/apps/" + id, alice.accessToken());

        assertThat(deleted.status()).isEqualTo(204);
        for (Reply reply : new Reply[] {
                api.get("/api/apps/" + id, alice.accessToken()),
                api.patch("/api/apps/" + id, alice.accessToken(), object("name", "Back")),
                api.delete("/api/apps/" + id, alice.accessToken()),
                api.post("/api/apps/" + id + "/copy", alice.accessToken(), "{}"),
                api.get("/api/apps/" + id + "/draft-config", alice.accessToken()),
                api.get("/api/apps/" + id + "/publish-histories", alice.accessToken()),
                api.post("/api/apps/" + id + "/publish", alice.accessToken(), "{}")}) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.code()).isEqualTo("not_found");
        }
        assertThat(api.get("/api/apps", alice.accessToken()).json().path("total").asLong()).isZero();
    }

    @Test
    void malformedIdAnswers404() {
        Session alice = api.register();
        for (Reply reply : new Reply[] {
                api.get("/api/apps/not-a-uuid", alice.accessToken()),
                api.patch("/api/apps/not-a-uuid", alice.accessToken(), object("name", "x")),
                api.delete("/api/apps/123", alice.accessToken()),
                api.post("/api/apps/123/copy", alice.accessToken(), "{}"),
                api.get("/api/apps/123/draft-config", alice.accessToken()),
                api.post("/api/apps/123/publish", alice.accessToken(), "{}")}) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.code()).isEqualTo("not_found");
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void anotherWorkspaceSeesNoneOfTheApp() {
        Session alice = api.register();
        Session bob = api.register();
        String id = createApp(api, alice, "Alice's secret").path("id").asText();
        patchDraft(api, alice, id, "{'model_config': {'provider': 'openai', 'model': 'gpt-4o-mini'}}");
        String version = api.post("/api/apps/" + id + "/publish", alice.accessToken(), "{}").json().path("id").asText();
        String bobsApp = createApp(api, bob, "Bob's").path("id").asText();
        String app = "/api/apps/" + id;

        for (Reply reply : new Reply[] {
                api.get(app, bob.accessToken()),
                api.patch(app, bob.accessToken(), object("name", "Mine now")),
                api.delete(app, bob.accessToken()),
                api.post(app + "/copy", bob.accessToken(), "{}"),
                api.get(app + "/draft-config", bob.accessToken()),
                api.patch(app + "/draft-config", bob.accessToken(), "{\"preset_prompt\": \"pwned\"}"),
                api.post(app + "/publish", bob.accessToken(), "{}"),
                api.post(app + "/cancel-publish", bob.accessToken(), "{}"),
                api.get(app + "/publish-histories", bob.accessToken()),
                api.post(app + "/fallback-history", bob.accessToken(), object("app_config_version_id", version)),
                api.post("/api/apps/" + bobsApp + "/fallback-history", bob.accessToken(),
                        object("app_config_version_id", version))}) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(404);
            assertThat(reply.code()).isEqualTo("not_found");
            assertThat(reply.body()).doesNotContain("Alice's secret");
        }
        assertThat(api.get("/api/apps", bob.accessToken()).json().path("items").findValuesAsText("name"))
                .containsExactly("Bob's");
        JsonNode intact = api.get(app, alice.accessToken()).json();
        assertThat(intact.path("name").asText()).isEqualTo("Alice's secret");
        assertThat(intact.path("status").asText()).isEqualTo("published");
        assertThat(api.get(app + "/draft-config", alice.accessToken()).json().path("preset_prompt").asText()).isEmpty();
        assertThat(api.get("/api/apps/" + bobsApp + "/draft-config", bob.accessToken()).json().has("model_config")).isFalse();
    }
}
