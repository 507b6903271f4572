package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.llmops.it.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LlmopsServer.class)
class AppConfigIT {

    private static final String MODEL = "{\"model_config\": {\"provider\": \"openai\", \"model\": \"gpt-4o-mini\"}}";

    private final Api api = new Api();
    private final Session alice = api.register();

    private String newApp() {
        return AppsIT.createApp(api, alice, "App " + UUID.randomUUID()).path("id").asText();
    }

    private Reply patchDraft(String appId, String json) {
        return AppsIT.patchDraft(api, alice, appId, json);
    }

    private JsonNode draft(String appId) {
        return api.get("/api/apps/" + appId + "/draft-config", alice.accessToken()).json();
    }

    private Reply publish(String appId) {
        return api.post("/api/apps/" + appId + "/publish", alice.accessToken(), "{}");
    }

    @Test
    void newDraftHasNoModelAndTheSeedDefaults() {
        JsonNode draft = draft(newApp());

        assertThat(draft.has("model_config")).isFalse();
        assertThat(draft.path("dialog_round").asInt()).isEqualTo(3);
        assertThat(draft.path("retrieval_config").toString())
                .isEqualTo("{\"k\":10,\"retrieval_strategy\":\"semantic\",\"score\":0.5}");
        assertThat(draft.path("review_config").path("inputs_config").path("enable").asBoolean()).isFalse();
        assertThat(draft.path("text_to_speech").path("voice").isNull()).isTrue();
        assertThat(draft.path("tools").isArray()).isTrue();
    }

    @Test
    void draftRoundTripsEverySection() {
        String id = newApp();
        Reply patched = patchDraft(id, """
                {'model_config': {'provider': 'openai', 'model': 'gpt-4o-mini',
                                  'parameters': {'temperature': 0.7, 'max_tokens': 512}},
                 'dialog_round': 10, 'preset_prompt': 'You plan trips.', 'long_term_memory': {'enable': true},
                 'opening_statement': 'Where to?', 'opening_questions': ['Paris?', 'Rome?'],
                 'suggested_after_answer': {'enable': true},
                 'review_config': {'enable': true, 'keywords': ['secret'],
                                   'inputs_config': {'enable': true, 'preset_response': 'Cannot answer.'},
                                   'outputs_config': {'enable': true}},
                 'retrieval_config': {'retrieval_strategy': 'hybrid', 'k': 4, 'score': 0.25},
                 'speech_to_text': {'enable': true}, 'text_to_speech': {'enable': true, 'voice': 'alloy'}}
                """);

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode draft = draft(id);
        assertThat(draft).isEqualTo(patched.json());
        assertThat(draft.at("/model_config/parameters/temperature").asDouble()).isEqualTo(0.7);
        assertThat(draft.at("/model_config/parameters/max_tokens").asInt()).isEqualTo(512);
        assertThat(draft.path("dialog_round").asInt()).isEqualTo(10);
        assertThat(draft.path("opening_questions").toString()).isEqualTo("[\"Paris?\",\"Rome?\"]");
        assertThat(draft.at("/review_config/inputs_config/preset_response").asText()).isEqualTo("Cannot answer.");
        assertThat(draft.at("/retrieval_config/retrieval_strategy").asText()).isEqualTo("hybrid");
        assertThat(draft.at("/text_to_speech/voice").asText()).isEqualTo("alloy");
    }

    @Test
    void patchMergesSectionsAndNullResetsToDefault() {
        String id = newApp();
        patchDraft(id, "{'model_config': {'provider': 'openai', 'model': 'gpt-4o-mini', 'parameters': {'top_p': 0.5}},"
                + " 'preset_prompt': 'Stay', 'retrieval_config': {'k': 3}}");

        Reply merged = api.send(api.request("/api/apps/" + id + "/draft-config", alice.accessToken())
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"model_config\": {\"parameters\": {\"temperature\": 1}}, \"retrieval_config\": {\"score\": 0.9},"
                                + " \"dialog_round\": null}")));

        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        JsonNode draft = draft(id);
        assertThat(draft.path("preset_prompt").asText()).isEqualTo("Stay");
        assertThat(draft.at("/model_config/parameters").toString()).isEqualTo("{\"top_p\":0.5,\"temperature\":1}");
        assertThat(draft.at("/retrieval_config/k").asInt()).isEqualTo(3);
        assertThat(draft.at("/retrieval_config/score").asDouble()).isEqualTo(0.9);
        assertThat(draft.path("dialog_round").asInt()).isEqualTo(3);
        assertThat(patchDraft(id, "{'model_config': null}").json().has("model_config")).isFalse();
    }

    @Test
    void eachRuleAnswersAFieldErrorAndLeavesTheDraftAlone() {
        String id = newApp();
        patchDraft(id, MODEL);
        JsonNode before = draft(id);
        Map<String, String> cases = Map.ofEntries(
                Map.entry("{'model_config': {'provider': 'nope', 'model': 'gpt-4o-mini'}}", "model_config.provider"),
                Map.entry("{'model_config': {'model': 'gpt-0'}}", "model_config.model"),
                Map.entry("{'model_config': {'parameters': {'temperature': 3}}}", "model_config.parameters.temperature"),
                Map.entry("{'model_config': {'parameters': {'max_tokens': 0.5}}}", "model_config.parameters.max_tokens"),
                Map.entry("{'dialog_round': 101}", "dialog_round"),
                Map.entry("{'preset_prompt': '" + "p".repeat(20_001) + "'}", "preset_prompt"),
                Map.entry("{'opening_statement': '" + "o".repeat(2_001) + "'}", "opening_statement"),
                Map.entry("{'opening_questions': ['a', 'b', 'c', 'd']}", "opening_questions"),
                Map.entry("{'opening_questions': ['" + "q".repeat(201) + "']}", "opening_questions[0]"),
                Map.entry("{'review_config': {'keywords': ['" + "k".repeat(51) + "']}}", "review_config.keywords[0]"),
                Map.entry("{'review_config': {'enable': true, 'keywords': ['x'], 'outputs_config': {'enable': true},"
                        + " 'inputs_config': {'enable': true}}}", "review_config.inputs_config.preset_response"),
                Map.entry("{'tools': [{'provider_id': 'time', 'tool_id': 'now'}]}", "tools[0]"),
                Map.entry("{'workflows': ['" + UUID.randomUUID() + "']}", "workflows[0]"),
                Map.entry("{'datasets': ['" + UUID.randomUUID() + "']}", "datasets[0]"),
                Map.entry("{'retrieval_config': {'retrieval_strategy': 'fuzzy'}}", "retrieval_config.retrieval_strategy"),
                Map.entry("{'retrieval_config': {'k': 51}}", "retrieval_config.k"),
                Map.entry("{'retrieval_config': {'score': 1.5}}", "retrieval_config.score"),
                Map.entry("{'long_term_memory': {'enable': 'yes'}}", "long_term_memory.enable"),
                Map.entry("{'text_to_speech': {'voice': 7}}", "text_to_speech.voice"),
                Map.entry("{'colour': 'blue'}", "colour"));

        cases.forEach((patch, field) -> {
            Reply reply = patchDraft(id, patch);
            assertThat(reply.status()).as(patch).isEqualTo(400);
            assertThat(reply.code()).as(patch).isEqualTo("validation_failed");
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().path("errors").findValuesAsText("field")).as(patch).containsExactly(field);
        });
        assertThat(draft(id)).isEqualTo(before);
    }

    @Test
    void severalProblemsAreReportedTogether() {
        Reply reply = patchDraft(newApp(), "{'dialog_round': -1, 'tools': [{}, {}], 'retrieval_config': {'k': 0}}");

        assertThat(reply.json().path("errors").findValuesAsText("field"))
                .containsExactly("dialog_round", "tools[0]", "tools[1]", "retrieval_config.k");
    }

    @Test
    void bodyThatIsNoJsonObjectIsRefused() {
        String id = newApp();

        assertThat(patchDraft(id, "{'dialog_round': ").code()).isEqualTo("malformed_json");
        assertThat(patchDraft(id, "[1]").code()).isEqualTo("malformed_json");
        assertThat(patchDraft(id, "").json().path("errors").findValuesAsText("field")).containsExactly("body");
    }

    @Test
    void publishWithoutModelIsRefused() {
        String id = newApp();
        Reply reply = publish(id);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("app_not_configured");
        assertThat(api.get("/api/apps/" + id, alice.accessToken()).json().path("status").asText()).isEqualTo("draft");
    }

    @Test
    void publishChangeRepublishAndFallBackRoundTrip() {
        String id = newApp();
        patchDraft(id, "{'model_config': {'provider': 'openai', 'model': 'gpt-4o-mini'}, 'preset_prompt': 'Version one'}");
        JsonNode v1Draft = draft(id);

        Reply first = publish(id);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("version").asInt()).isEqualTo(1);
        assertThat(first.json().path("config")).isEqualTo(v1Draft);
        JsonNode app = api.get("/api/apps/" + id, alice.accessToken()).json();
        assertThat(app.path("status").asText()).isEqualTo("published");
        assertThat(app.path("published_version").asInt()).isEqualTo(1);
        assertThat(app.path("published_version_id").asText()).isEqualTo(first.json().path("id").asText());

        patchDraft(id, "{'preset_prompt': 'Version two', 'dialog_round': 8}");
        Reply second = publish(id);
        assertThat(second.json().path("version").asInt()).isEqualTo(2);
        assertThat(second.json().at("/config/preset_prompt").asText()).isEqualTo("Version two");

        JsonNode histories = api.get("/api/apps/" + id + "/publish-histories", alice.accessToken()).json();
        assertThat(histories.path("total").asLong()).isEqualTo(2);
        assertThat(histories.path("items").findValuesAsText("version")).containsExactly("2", "1");
        assertThat(histories.path("items").get(1).path("config")).isEqualTo(v1Draft);
        assertThat(histories.path("items").get(0).path("created_at").asText()).endsWith("Z");

        Reply fallback = api.post("/api/apps/" + id + "/fallback-history", alice.accessToken(),
                object("app_config_version_id", first.json().path("id").asText()));
        assertThat(fallback.status()).as(fallback.body()).isEqualTo(200);
        assertThat(fallback.json()).isEqualTo(v1Draft);
        assertThat(draft(id)).isEqualTo(v1Draft);
        assertThat(api.get("/api/apps/" + id, alice.accessToken()).json().path("published_version").asInt()).isEqualTo(2);
    }

    @Test
    void cancelPublishClearsThePointerAndKeepsVersions() {
        String id = newApp();
        patchDraft(id, MODEL);
        publish(id);

        Reply cancelled = api.post("/api/apps/" + id + "/cancel-publish", alice.accessToken(), "{}");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("draft");
        assertThat(cancelled.json().path("published_version").isNull()).isTrue();
        assertThat(cancelled.json().path("published_version_id").isNull()).isTrue();
        assertThat(api.get("/api/apps/" + id, alice.accessToken()).json().path("status").asText()).isEqualTo("draft");
        assertThat(api.get("/api/apps/" + id + "/publish-histories", alice.accessToken()).json().path("total").asLong())
                .isEqualTo(1);
        assertThat(publish(id).json().path("version").asInt()).isEqualTo(2);
    }

    @Test
    void historiesArePaged() {
        String id = newApp();
        patchDraft(id, MODEL);
        for (int i = 0; i < 3; i++) {
            publish(id);
        }

        JsonNode page2 = api.get("/api/apps/" + id + "/publish-histories?page=2&page_size=2", alice.accessToken()).json();

        assertThat(page2.path("total").asLong()).isEqualTo(3);
        assertThat(page2.path("page").asInt()).isEqualTo(2);
        assertThat(page2.path("items").findValuesAsText("version")).containsExactly("1");
        assertThat(api.get("/api/apps/" + id + "/publish-histories?page_size=101", alice.accessToken()).status())
                .isEqualTo(400);
    }

    @Test
    void concurrentPublishesGetDistinctConsecutiveNumbers() throws Exception {
        String id = newApp();
        patchDraft(id, MODEL);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> publish(id));
        }
        List<Integer> versions = new ArrayList<>();
        try {
            for (Future<Reply> result : pool.invokeAll(calls)) {
                Reply reply = result.get();
                assertThat(reply.status()).as(reply.body()).isEqualTo(201);
                versions.add(reply.json().path("version").asInt());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(api.get("/api/apps/" + id, alice.accessToken()).json().path("published_version").asInt()).isEqualTo(8);
    }

    @Test
    void fallbackNeedsAVersionOfThisApp() {
        String id = newApp();
        String other = newApp();
        patchDraft(other, MODEL);
        String othersVersion = publish(other).json().path("id").asText();

        Reply foreign = api.post("/api/apps/" + id + "/fallback-history", alice.accessToken(),
                object("app_config_version_id", othersVersion));
        Reply unknown = api.post("/api/apps/" + id + "/fallback-history", alice.accessToken(),
                object("app_config_version_id", UUID.randomUUID().toString()));
        Reply malformed = api.post("/api/apps/" + id + "/fallback-history", alice.accessToken(),
                object("app_config_version_id", "v1"));
        Reply missing = api.post("/api/apps/" + id + "/fallback-history", alice.accessToken(), "{}");

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("not_found");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(malformed.json().path("errors").findValuesAsText("field")).containsExactly("app_config_version_id");
        assertThat(missing.json().path("errors").findValuesAsText("field")).containsExactly("app_config_version_id");
        assertThat(draft(id).has("model_config")).isFalse();
    }
}
