package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import io.llmops.platform.crypto.SecretBox;
import io.llmops.testing.FakeOpenAiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.llmops.it.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

/** The model catalogue and per-workspace provider credentials, over HTTP, with the fake model server on loopback. */
@ExtendWith(LlmopsServer.class)
class ModelProvidersIT {

    private static final String GOOD_KEY = "sk-live-" + UUID.randomUUID().toString().replace("-", "");
    private static FakeOpenAiServer fake;

    private final Api api = new Api();

    @BeforeAll
    static void startFake() {
        fake = FakeOpenAiServer.start().apiKey(GOOD_KEY);
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    private static String credentials(String provider) {
        return "/api/model-providers/" + provider + "/credentials";
    }

    private static JsonNode provider(Reply list, String name) {
        for (JsonNode p : list.json()) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no provider " + name + " in " + list.body());
    }

    @Test
    void catalogueListsProvidersModelsAndCredentialFields() {
        Session session = api.register();

        Reply reply = api.get("/api/model-providers", session.accessToken());

        assertThat(reply.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        reply.json().forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).contains("openai", "azure_openai", "anthropic", "gemini", "ollama", "deepseek", "moonshot",
                "qwen", "zhipu", "openai_compatible");
        JsonNode openai = provider(reply, "openai");
        assertThat(openai.path("configured").asBoolean()).isFalse();
        assertThat(openai.path("credential_fields").get(0).path("name").asText()).isEqualTo("api_key");
        assertThat(openai.path("credential_fields").get(0).path("secret").asBoolean()).isTrue();
        assertThat(openai.path("models").findValuesAsText("name")).contains("gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3-mini");
        assertThat(provider(reply, "ollama").path("default_base_url").asText()).isEqualTo("http://localhost:11434");
        assertThat(provider(reply, "openai_compatible").path("custom_model_template").path("parameter_rules").size()).isPositive();
    }

    @Test
    void oneModelShowsItsRulesAndPriceAndUnknownOnesAreNotFound() {
        Session session = api.register();

        Reply model = api.get("/api/model-providers/deepseek/models/deepseek-chat", session.accessToken());
        Reply custom = api.get("/api/model-providers/openai_compatible/models/my-llama-70b", session.accessToken());
        Reply unknownModel = api.get("/api/model-providers/openai/models/gpt-0", session.accessToken());
        Reply unknownProvider = api.get("/api/model-providers/nope/models/gpt-4o", session.accessToken());

        assertThat(model.status()).isEqualTo(200);
        assertThat(model.json().path("context_size").asInt()).isPositive();
        assertThat(model.json().path("features").toString()).contains("tool_call", "stream");
        assertThat(model.json().path("pricing").path("currency").asText()).isEqualTo("CNY");
        assertThat(model.json().path("parameter_rules").get(0).path("default_value").asDouble()).isEqualTo(0.5);
        assertThat(custom.json().path("name").asText()).isEqualTo("my-llama-70b");
        assertThat(unknownModel.status()).isEqualTo(404);
        assertThat(unknownModel.code()).isEqualTo("not_found");
        assertThat(unknownProvider.status()).isEqualTo(404);
    }

    @Test
    void credentialsAreStoredSealedAndReadMasked() throws Exception {
        Session session = api.register();

        Reply put = api.put(credentials("openai"), session.accessToken(), object("api_key", GOOD_KEY, "base_url", fake.baseUrl()));
        Reply get = api.get(credentials("openai"), session.accessToken());

        assertThat(put.status()).isEqualTo(200);
        String masked = GOOD_KEY.substring(0, 3) + "****" + GOOD_KEY.substring(GOOD_KEY.length() - 4);
        for (Reply reply : List.of(put, get)) {
            assertThat(reply.body()).doesNotContain(GOOD_KEY);
            assertThat(reply.json().path("credentials").path("api_key").asText()).isEqualTo(masked);
            assertThat(reply.json().path("credentials").path("base_url").asText()).isEqualTo(fake.baseUrl());
            assertThat(reply.json().path("provider").asText()).isEqualTo("openai");
        }
        assertThat(provider(api.get("/api/model-providers", session.accessToken()), "openai").path("configured").asBoolean())
                .isTrue();

        String sealed = storedConfig(session.workspaceId(), "openai");
        assertThat(sealed).startsWith("v1:").doesNotContain(GOOD_KEY).doesNotContain(fake.baseUrl());
        SecretBox box = SecretBox.fromBase64(LlmopsServer.secrets().get("LLMOPS_SECRET_KEY"));
        assertThat(box.decrypt(sealed)).contains(GOOD_KEY).contains(fake.baseUrl());
        assertThat(Files.readString(LlmopsServer.log())).doesNotContain(GOOD_KEY);
    }

    @Test
    void deleteRemovesTheCredentialsOnce() {
        Session session = api.register();
        api.put(credentials("deepseek"), session.accessToken(), object("api_key", "sk-deepseek-0123456789"));

        assertThat(api.delete(credentials("deepseek"), session.accessToken()).status()).isEqualTo(204);
        Reply again = api.delete(credentials("deepseek"), session.accessToken());
        Reply get = api.get(credentials("deepseek"), session.accessToken());

        assertThat(again.status()).isEqualTo(404);
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.code()).isEqualTo("not_found");
        assertThat(provider(api.get("/api/model-providers", session.accessToken()), "deepseek").path("configured").asBoolean())
                .isFalse();
    }

    @Test
    void validatedGoodKeyIsStored() {
        Session session = api.register();
        int before = fake.requests().size();

        Reply reply = api.put(credentials("openai"), session.accessToken(), Map.of("api_key", GOOD_KEY,
                "base_url", fake.baseUrl(), "validate", true));

        assertThat(reply.status()).isEqualTo(200);
        FakeOpenAiServer.RecordedRequest check = fake.requests().get(before);
        assertThat(check.path()).isEqualTo("/v1/models");
        assertThat(check.header("authorization")).isEqualTo("Bearer " + GOOD_KEY);
        assertThat(api.get(credentials("openai"), session.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void validatedWrongKeyIsRefusedAndNotStored() {
        Session session = api.register();

        Reply reply = api.put(credentials("openai_compatible"), session.accessToken(), Map.of("api_key", "sk-wrong-0123456789",
                "base_url", fake.baseUrl(), "validate", true));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("model_credentials_invalid");
        assertThat(reply.json().path("detail").asText()).contains("401").contains("Incorrect API key provided")
                .doesNotContain("sk-wrong-0123456789");
        assertThat(api.get(credentials("openai_compatible"), session.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void azureSdkRunsInsideTheServerAndRefusesAKeyOverPlainHttp() {
        Session session = api.register();

        Reply reply = api.put(credentials("azure_openai"), session.accessToken(), Map.of("api_key", "azure-key-0123456789",
                "base_url", fake.rootUrl(), "deployment", "prod-4o", "validate", true));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("model_credentials_invalid");
        assertThat(reply.json().path("detail").asText()).contains("HTTPS");
    }

    @Test
    void maskedSecretSentBackKeepsTheStoredOne() {
        Session session = api.register();
        String masked = api.put(credentials("openai"), session.accessToken(), object("api_key", GOOD_KEY))
                .json().path("credentials").path("api_key").asText();

        Reply reply = api.put(credentials("openai"), session.accessToken(), Map.of("api_key", masked,
                "base_url", fake.baseUrl(), "validate", true));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(fake.lastRequest().header("authorization")).isEqualTo("Bearer " + GOOD_KEY);
    }

    @Test
    void workspacesNeverSeeEachOthersCredentials() {
        Session alice = api.register();
        Session bob = api.register();
        api.put(credentials("moonshot"), alice.accessToken(), object("api_key", "sk-moonshot-alice-0123456789"));

        assertThat(api.get(credentials("moonshot"), bob.accessToken()).status()).isEqualTo(404);
        assertThat(api.delete(credentials("moonshot"), bob.accessToken()).status()).isEqualTo(404);
        assertThat(provider(api.get("/api/model-providers", bob.accessToken()), "moonshot").path("configured").asBoolean())
                .isFalse();
        assertThat(provider(api.get("/api/model-providers", alice.accessToken()), "moonshot").path("configured").asBoolean())
                .isTrue();
        assertThat(api.get(credentials("moonshot"), alice.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void badCredentialDocumentsAreRefusedWithFieldErrors() {
        Session session = api.register();
        String token = session.accessToken();

        Reply unknownProvider = api.put(credentials("nope"), token, object("api_key", "k"));
        Reply unknownField = api.put(credentials("openai"), token, object("api_key", "k", "organization", "acme"));
        Reply missing = api.put(credentials("azure_openai"), token, object("base_url", "https://res.openai.azure.com"));
        Reply notHttp = api.put(credentials("openai_compatible"), token, object("base_url", "file:///etc/passwd"));
        Reply badSwitch = api.put(credentials("openai"), token, object("api_key", "k", "validate", "yes"));
        Reply noBody = api.raw("PUT", credentials("openai"), token, "application/json", "");

        assertThat(unknownProvider.status()).isEqualTo(404);
        for (Reply reply : List.of(unknownField, missing, notHttp, badSwitch, noBody)) {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        assertThat(unknownField.json().path("errors").findValuesAsText("field")).containsExactly("organization");
        assertThat(missing.json().path("errors").findValuesAsText("field")).containsExactly("api_key");
        assertThat(notHttp.json().path("errors").findValuesAsText("field")).containsExactly("base_url");
        assertThat(badSwitch.json().path("errors").findValuesAsText("field")).containsExactly("validate");
        assertThat(api.get(credentials("openai"), token).status()).isEqualTo(404);
    }

    @Test
    void endpointsOnInternalAddressesAreRefusedAsSsrfAndNotStored() {
        Session session = api.register();
        String token = session.accessToken();
        String fakeOnOtherLoopback = fake.baseUrl().replace("127.0.0.2", "127.0.0.1");
        int requestsBefore = fake.requests().size();

        for (String url : List.of(fakeOnOtherLoopback, "http://169.254.169.254/v1", "http://[::1]:8080/v1",
                "http://10.0.0.5/v1", "http://0x7f000001/v1")) {
            Reply reply = api.put(credentials("openai_compatible"), token, Map.of("base_url", url, "validate", true));

            assertThat(reply.status()).as(url).isEqualTo(400);
            assertThat(reply.code()).as(url).isIn("ssrf_blocked", "validation_failed");
            assertThat(reply.json().path("errors").findValuesAsText("field")).as(url).containsExactly("base_url");
        }
        Reply ollama = api.put(credentials("ollama"), token, Map.of());

        assertThat(ollama.status()).isEqualTo(400);
        assertThat(ollama.code()).isEqualTo("ssrf_blocked");
        assertThat(ollama.json().path("detail").asText()).contains("localhost").contains("LLMOPS_SSRF_ALLOWLIST");
        assertThat(api.get(credentials("openai_compatible"), token).status()).isEqualTo(404);
        assertThat(api.get(credentials("ollama"), token).status()).isEqualTo(404);
        assertThat(fake.requests()).hasSize(requestsBefore);
    }

    @Test
    void modelApiNeedsABearerToken() {
        assertThat(api.get("/api/model-providers", null).status()).isEqualTo(401);
        assertThat(api.put(credentials("openai"), null, object("api_key", "k")).status()).isEqualTo(401);
    }

    private static String storedConfig(String workspaceId, String provider) throws Exception {
        Map<String, String> env = LlmopsServer.baseEnvironment();
        try (Connection db = DriverManager.getConnection(env.get("LLMOPS_DATABASE_URL"), env.get("LLMOPS_DATABASE_USER"),
                env.get("LLMOPS_DATABASE_PASSWORD"));
             PreparedStatement query = db.prepareStatement(
                     "select encrypted_config from provider_credential where workspace_id = ? and provider = ?")) {
            query.setObject(1, UUID.fromString(workspaceId));
            query.setString(2, provider);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("a stored row").isTrue();
                return row.getString(1);
            }
        }
    }
}
