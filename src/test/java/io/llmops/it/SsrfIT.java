package io.llmops.it;

import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attempts to make the server call internal addresses on a user's behalf, through every path that
 * takes a URL from users: a built-in tool's URL parameter, an imported spec's server and schema_url,
 * and a redirect from an allowed site. Each is refused with {@code ssrf_blocked}.
 */
@ExtendWith(LlmopsServer.class)
class SsrfIT {

    private static final List<String> INTERNAL_URLS = List.of(
            "http://127.0.0.1/", "http://0.0.0.0/", "http://[::1]/", "http://169.254.169.254/latest/meta-data/",
            "http://2130706433/", "http://0x7f000001/", "http://[::ffff:127.0.0.1]/", "http://10.0.0.1/",
            "http://" + LlmopsServer.INTERNAL_HOST + "/", "http://" + LlmopsServer.METADATA_HOST + "/");

    private final Api api = new Api();
    private final Session session = api.register();

    private Reply readPage(String url) {
        return api.post("/api/tools/test", session.accessToken(), Map.of("type", "builtin", "provider", "webpage",
                "tool", "read", "params", Map.of("url", url)));
    }

    @Test
    void aToolParameterPointingInsideIsRefused() {
        for (String url : INTERNAL_URLS) {
            Reply reply = readPage(url);

            assertThat(reply.status()).as(url + " " + reply.body()).isEqualTo(400);
            assertThat(reply.code()).as(url).isEqualTo("ssrf_blocked");
        }
    }

    @Test
    void schemesOtherThanHttpAreRefusedBeforeAnythingIsSent() {
        for (String url : List.of("file:///etc/passwd", "gopher://127.0.0.2:6379/_INFO", "jar:http://127.0.0.2/x.jar!/")) {
            Reply reply = readPage(url);

            assertThat(reply.status()).as(url).isEqualTo(400);
            assertThat(reply.json().path("detail").asText()).as(url).contains("http or https");
        }
        LlmopsServer.upstreams().redirect("/hop-to-file", "file:///etc/passwd");
        Reply redirected = readPage(LlmopsServer.upstreams().baseUrl() + "/hop-to-file");
        assertThat(redirected.code()).isEqualTo("ssrf_blocked");
    }

    @Test
    void aRedirectFromAnAllowedSiteToAnInternalAddressIsRefused() {
        LlmopsServer.upstreams().redirect("/hop-to-metadata", "http://169.254.169.254/latest/meta-data/")
                .redirect("/hop-to-loopback", "http://127.0.0.1:6379/");

        for (String path : List.of("/hop-to-metadata", "/hop-to-loopback")) {
            Reply reply = readPage(LlmopsServer.upstreams().baseUrl() + path);

            assertThat(reply.status()).as(path + " " + reply.body()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("ssrf_blocked");
        }
    }

    @Test
    void anImportedSpecWhoseServerIsInternalCannotBeCalled() {
        String spec = """
                {"openapi": "3.0.3", "info": {"title": "Inside", "version": "1"},
                 "servers": [{"url": "http://169.254.169.254/latest"}],
                 "paths": {"/meta-data": {"get": {"operationId": "steal", "responses": {"200": {"description": "x"}}}}}}
                """;
        Reply created = api.post("/api/api-tools", session.accessToken(), Map.of("name", "Inside", "openapi_schema", spec));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Reply reply = api.post("/api/tools/test", session.accessToken(), Map.of("type", "api",
                "provider", created.json().path("id").asText(), "tool", "steal", "params", Map.of()));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("ssrf_blocked");
    }

    @Test
    void aSchemaUrlPointingInsideIsRefusedAndNothingIsStored() {
        for (String url : List.of("http://2130706433/openapi.json", "http://" + LlmopsServer.INTERNAL_HOST + "/spec.yaml")) {
            Reply reply = api.post("/api/api-tools", session.accessToken(), Map.of("name", "Spec " + url, "schema_url", url));

            assertThat(reply.status()).as(url + " " + reply.body()).isEqualTo(400);
            assertThat(reply.code()).as(url).isEqualTo("ssrf_blocked");
        }
        assertThat(api.get("/api/api-tools", session.accessToken()).json().path("total").asLong()).isZero();
    }
}
