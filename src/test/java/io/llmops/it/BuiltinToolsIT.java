package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import io.llmops.platform.crypto.SecretBox;
import io.llmops.testing.FakeUpstreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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

/** The built-in tool catalogue, icons, categories and per-workspace tool credentials, over HTTP. */
@ExtendWith(LlmopsServer.class)
class BuiltinToolsIT {

    private static final String AMAP_KEY = "amap-" + UUID.randomUUID().toString().replace("-", "");

    private final Api api = new Api();

    private static JsonNode provider(Reply list, String name) {
        for (JsonNode p : list.json()) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no provider " + name + " in " + list.body());
    }

    @Test
    void listShowsEveryProviderWithItsToolsParametersAndCredentialSchema() {
        Session session = api.register();

        Reply reply = api.get("/api/builtin-tools", session.accessToken());

        assertThat(reply.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        reply.json().forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).containsExactly("time", "duckduckgo", "gaode", "dalle", "wikipedia", "webpage", "google");
        JsonNode time = provider(reply, "time");
        assertThat(time.path("icon").asText()).isEqualTo("/api/builtin-tools/time/icon");
        assertThat(time.path("category").asText()).isEqualTo("utilities");
        assertThat(time.path("needs_credentials").asBoolean()).isFalse();
        JsonNode timezone = time.path("tools").get(0).path("parameters").get(0);
        assertThat(timezone.path("name").asText()).isEqualTo("timezone");
        assertThat(timezone.path("type").asText()).isEqualTo("string");
        assertThat(timezone.path("default").asText()).isEqualTo("UTC");
        JsonNode gaode = provider(reply, "gaode");
        assertThat(gaode.path("needs_credentials").asBoolean()).isTrue();
        assertThat(gaode.path("configured").asBoolean()).isFalse();
        assertThat(gaode.path("credential_fields").get(0).path("name").asText()).isEqualTo("api_key");
        assertThat(gaode.path("credential_fields").get(0).path("secret").asBoolean()).isTrue();
        assertThat(provider(reply, "dalle").path("tools").get(0).path("parameters").get(1).path("enum").size()).isEqualTo(3);
    }

    @Test
    void toolDetailHasTypedBoundedParametersAndOutput() {
        Session session = api.register();

        Reply reply = api.get("/api/builtin-tools/duckduckgo/tools/search", session.accessToken());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode tool = reply.json();
        assertThat(tool.path("provider").asText()).isEqualTo("duckduckgo");
        assertThat(tool.path("function_name").asText()).isEqualTo("duckduckgo_search");
        assertThat(tool.path("output").asText()).isNotBlank();
        JsonNode query = tool.path("parameters").get(0);
        assertThat(query.path("name").asText()).isEqualTo("query");
        assertThat(query.path("required").asBoolean()).isTrue();
        JsonNode max = tool.path("parameters").get(1);
        assertThat(max.path("type").asText()).isEqualTo("integer");
        assertThat(max.path("default").asInt()).isEqualTo(5);
        assertThat(max.path("min").asInt()).isEqualTo(1);
        assertThat(max.path("max").asInt()).isEqualTo(10);
        assertThat(max.path("description").asText()).isNotBlank();
    }

    @Test
    void unknownProvidersAndToolsAreNotFound() {
        Session session = api.register();
        String token = session.accessToken();

        assertThat(api.get("/api/builtin-tools/nope/tools/search", token).code()).isEqualTo("not_found");
        assertThat(api.get("/api/builtin-tools/duckduckgo/tools/nope", token).status()).isEqualTo(404);
        assertThat(api.get("/api/builtin-tools/nope/icon", null).status()).isEqualTo(404);
        assertThat(api.get("/api/builtin-tools/nope/credentials", token).status()).isEqualTo(404);
        assertThat(api.put("/api/builtin-tools/nope/credentials", token, object("api_key", "k")).status()).isEqualTo(404);
        assertThat(api.delete("/api/builtin-tools/nope/credentials", token).status()).isEqualTo(404);
        assertThat(api.get("/api/builtin-tools", null).status()).isEqualTo(401);
    }

    @Test
    void iconIsACacheableSvgAnyPageCanLoad() {
        Reply icon = api.get("/api/builtin-tools/wikipedia/icon", null);

        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.contentType()).startsWith("image/svg+xml");
        assertThat(icon.header("Cache-Control")).contains("public").contains("max-age=");
        assertThat(icon.body()).startsWith("<svg").contains("</svg>");
    }

    @Test
    void categoriesNameEveryProvidersCategory() {
        Session session = api.register();

        Reply reply = api.get("/api/builtin-tools/categories", session.accessToken());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().findValuesAsText("name")).containsExactly("search", "image", "weather", "utilities");
        assertThat(reply.json().get(0).path("label").asText()).isEqualTo("Search");
    }

    @Test
    void credentialsAreStoredSealedShownMaskedAndDeleted() throws Exception {
        Session session = api.register();
        String token = session.accessToken();
        String path = "/api/builtin-tools/gaode/credentials";
        assertThat(api.get(path, token).status()).isEqualTo(404);

        Reply saved = api.put(path, token, object("api_key", AMAP_KEY));

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        String masked = saved.json().path("credentials").path("api_key").asText();
        assertThat(masked).isEqualTo(AMAP_KEY.substring(0, 3) + "****" + AMAP_KEY.substring(AMAP_KEY.length() - 4));
        assertThat(api.get(path, token).json().path("credentials").path("api_key").asText()).isEqualTo(masked);
        assertThat(api.get(path, token).body()).doesNotContain(AMAP_KEY);
        assertThat(provider(api.get("/api/builtin-tools", token), "gaode").path("configured").asBoolean()).isTrue();
        String sealed = storedConfig(session.workspaceId(), "gaode");
        assertThat(sealed).doesNotContain(AMAP_KEY);
        SecretBox box = SecretBox.fromBase64(LlmopsServer.secrets().get("LLMOPS_SECRET_KEY"));
        assertThat(box.decrypt(sealed)).contains(AMAP_KEY);

        // sending the masked value back keeps the stored secret
        assertThat(api.put(path, token, object("api_key", masked)).status()).isEqualTo(200);
        assertThat(box.decrypt(storedConfig(session.workspaceId(), "gaode"))).contains(AMAP_KEY);

        Session other = api.register();
        assertThat(api.get(path, other.accessToken()).status()).isEqualTo(404);
        assertThat(provider(api.get("/api/builtin-tools", other.accessToken()), "gaode").path("configured").asBoolean()).isFalse();

        assertThat(api.delete(path, token).status()).isEqualTo(204);
        assertThat(api.get(path, token).status()).isEqualTo(404);
        assertThat(api.delete(path, token).status()).isEqualTo(404);
        assertThat(provider(api.get("/api/builtin-tools", token), "gaode").path("configured").asBoolean()).isFalse();
    }

    @Test
    void credentialsAreValidatedAgainstTheProvidersSchema() {
        Session session = api.register();
        String token = session.accessToken();

        Reply bad = api.put("/api/builtin-tools/dalle/credentials", token,
                Map.of("base_url", "ftp://files.example", "organization", "org-1"));

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("validation_failed");
        assertThat(bad.json().path("errors").findValuesAsText("field")).containsExactly("api_key", "base_url", "organization");
        assertThat(api.put("/api/builtin-tools/dalle/credentials", token, Map.of("api_key", 42)).code()).isEqualTo("validation_failed");
        assertThat(api.put("/api/builtin-tools/time/credentials", token, Map.of("api_key", "x")).code())
                .isEqualTo("credentials_not_needed");
        assertThat(api.get("/api/builtin-tools/dalle/credentials", token).status()).isEqualTo(404);
        Reply good = api.put("/api/builtin-tools/dalle/credentials", token,
                Map.of("api_key", "sk-dalle-0123456789", "base_url", "https://proxy.example/v1"));
        assertThat(good.status()).isEqualTo(200);
        assertThat(good.json().path("credentials").path("base_url").asText()).isEqualTo("https://proxy.example/v1");
    }

    @Test
    void tryItRunsAToolWithCredentialsGivenInTheRequestAgainstItsUpstream() {
        Session session = api.register();
        FakeUpstreams upstreams = LlmopsServer.upstreams();
        upstreams.respond("/serper/search", 200, FakeUpstreams.JSON, FakeUpstreams.resource("upstreams/serper-search.json"));

        Reply reply = api.post("/api/tools/test", session.accessToken(), Map.of("type", "builtin", "provider", "google",
                "tool", "serper", "params", Map.of("query", "capital of australia", "num", 1),
                "credentials", Map.of("api_key", "serper-try-it-key")));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("result").asText()).startsWith("Answer: Canberra\n\n1. Canberra - Wikipedia");
        assertThat(upstreams.lastRequest("/serper/search").header("X-API-KEY")).isEqualTo("serper-try-it-key");
    }

    @Test
    void tryItReportsMissingCredentialsAndUpstreamFailuresAsToolErrors() {
        Session session = api.register();
        Map<String, Object> trial = Map.of("type", "builtin", "provider", "dalle", "tool", "dalle3", "params", Map.of("prompt", "a cat"));

        Reply missing = api.post("/api/tools/test", session.accessToken(), trial);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("tool_error");
        assertThat(missing.json().path("detail").asText()).contains("needs credentials");

        LlmopsServer.upstreams().respond("/dalle/v1/images/generations", 401, FakeUpstreams.JSON,
                FakeUpstreams.resource("upstreams/openai-error-401.json"));
        assertThat(api.put("/api/builtin-tools/dalle/credentials", session.accessToken(), Map.of("api_key", "sk-wrong-0123456789"))
                .status()).isEqualTo(200);
        Reply refused = api.post("/api/tools/test", session.accessToken(), trial);
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.code()).isEqualTo("tool_error");
        assertThat(refused.json().path("detail").asText()).startsWith("OpenAI images API refused the credentials (HTTP 401)");
    }

    @Test
    void webpageReadRefusesLoopbackAndMetadataAddressesWithSsrfBlocked() {
        Session session = api.register();
        for (String url : List.of("http://127.0.0.1:" + LlmopsServer.upstreams().baseUrl().replaceAll(".*:", "") + "/page",
                "http://169.254.169.254/latest/meta-data/", "http://" + LlmopsServer.INTERNAL_HOST + "/")) {
            Reply reply = api.post("/api/tools/test", session.accessToken(), Map.of("type", "builtin", "provider", "webpage",
                    "tool", "read", "params", Map.of("url", url)));

            assertThat(reply.status()).as(url).isEqualTo(400);
            assertThat(reply.code()).as(url).isEqualTo("ssrf_blocked");
        }
        LlmopsServer.upstreams().respond("/pages/hello", 200, FakeUpstreams.HTML, "<html><title>Hi</title><body><p>Hello there</p></body></html>");
        Reply allowed = api.post("/api/tools/test", session.accessToken(), Map.of("type", "builtin", "provider", "webpage",
                "tool", "read", "params", Map.of("url", LlmopsServer.upstreams().baseUrl() + "/pages/hello")));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.json().path("result").asText()).isEqualTo("Hi\n\nHello there");
    }

    private static String storedConfig(String workspaceId, String provider) throws Exception {
        Map<String, String> env = LlmopsServer.baseEnvironment();
        try (Connection db = DriverManager.getConnection(env.get("LLMOPS_DATABASE_URL"), env.get("LLMOPS_DATABASE_USER"),
                env.get("LLMOPS_DATABASE_PASSWORD"));
             PreparedStatement query = db.prepareStatement(
                     "select encrypted_config from builtin_tool_credential where workspace_id = ? and provider = ?")) {
            query.setObject(1, UUID.fromString(workspaceId));
            query.setString(2, provider);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("a stored row").isTrue();
                return row.getString(1);
            }
        }
    }
}
