package io.llmops.it;

import io.llmops.it.Api.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.UUID;

import static io.llmops.it.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

/** Cross-cutting behaviour: ping, request ids, the problem+json error formats, limits. */
@ExtendWith(LlmopsServer.class)
class PlatformIT {

    private final Api api = new Api();

    @Test
    void pingAnswersPong() {
        Reply reply = api.get("/ping", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("pong").asBoolean()).isTrue();
    }

    @Test
    void requestIdIsEchoedOrGenerated() {
        Reply given = api.send(api.request("/ping", null).header("X-Request-Id", "caller-id-123"));
        Reply generated = api.get("/ping", null);
        Reply hostile = api.send(api.request("/ping", null).header("X-Request-Id", "bad id\" <script>"));

        assertThat(given.header("X-Request-Id")).isEqualTo("caller-id-123");
        assertThat(UUID.fromString(generated.header("X-Request-Id"))).isNotNull();
        assertThat(hostile.header("X-Request-Id")).doesNotContain("<script>");
    }

    @Test
    void requestIdAppearsInTheProblemAndInTheLog() throws Exception {
        String requestId = "it-" + UUID.randomUUID();
        Reply reply = api.send(api.request("/api/auth/login", null).header("X-Request-Id", requestId)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"nobody@example.com\",\"password\":\"nope nope\"}")));

        assertThat(reply.json().path("request_id").asText()).isEqualTo(requestId);
        assertThat(Files.readAllLines(LlmopsServer.log())).anyMatch(line -> line.contains("request_id=" + requestId)
                && line.contains("Sign-in failed"));
    }

    @Test
    void unknownRouteIsProblemJson404() {
        Reply reply = api.get("/api/does-not-exist", null);

        assertProblem(reply, 404, "not_found");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Reply reply = api.raw("DELETE", "/ping", null, null, null);

        assertProblem(reply, 405, "method_not_allowed");
        assertThat(reply.header("Allow")).contains("GET");
    }

    @Test
    void wrongMediaTypeIs415() {
        Reply reply = api.raw("POST", "/api/auth/login", null, "text/plain", "email=a");

        assertProblem(reply, 415, "unsupported_media_type");
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(api.raw("POST", "/api/auth/login", null, "application/json", "{\"email\": "), 400, "malformed_json");
        assertProblem(api.raw("POST", "/api/auth/login", null, "application/json", "{\"email\": [1,2]}"), 400, "malformed_json");
    }

    @Test
    void missingBodyIsAValidationError() {
        Reply reply = api.raw("POST", "/api/auth/login", null, "application/json", "");

        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("body");
    }

    @Test
    void nulCharactersAreRefused() {
        Reply reply = api.post("/api/auth/register", null,
                object("email", "nul-" + UUID.randomUUID() + "@example.com", "password", "password123", "name", "a\u0000b"));

        assertProblem(reply, 400, "invalid_characters");
    }

    @Test
    void bodyOverTheLimitIs413WhetherDeclaredOrChunked() {
        String big = "{\"email\":\"" + "a".repeat(1_100_000) + "\"}";
        Reply declared = api.raw("POST", "/api/auth/login", null, "application/json", big);
        Reply chunked = api.send(api.request("/api/auth/login", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))));

        assertProblem(declared, 413, "payload_too_large");
        assertProblem(chunked, 413, "payload_too_large");
    }

    @Test
    void bodyUnderTheLimitIsRead() {
        Reply reply = api.post("/api/auth/login", null, object("email", "x@example.com", "password", "p".repeat(500_000)));

        assertProblem(reply, 400, "validation_failed");
    }

    @Test
    void healthReportsPostgresAndRedis() {
        Reply ready = api.get("/health/ready", null);
        Reply live = api.get("/health/live", null);

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("status").asText()).isEqualTo("UP");
        assertThat(ready.json().path("checks").findValuesAsText("name")).contains("postgresql", "redis");
        assertThat(live.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsArePrometheusText() {
        Reply reply = api.get("/metrics", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/plain");
        assertThat(reply.body()).contains("# TYPE");
    }

    @Test
    void swaggerUiIsServedAndOnlyItsOwnFiles() {
        Reply page = api.get("/openapi-ui/", null);
        Reply bundle = api.get("/openapi-ui/swagger-ui-bundle.js", null);
        Reply setup = api.get("/openapi-ui/llmops-openapi-ui.js", null);
        Reply style = api.get("/openapi-ui/swagger-ui.css", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.contentType()).startsWith("text/javascript");
        assertThat(setup.body()).contains("SwaggerUIBundle").contains("/openapi");
        assertThat(style.status()).isEqualTo(200);
        assertThat(api.get("/openapi-ui/..%2fWEB-INF%2fweb.xml", null).status()).isIn(400, 404);
        assertThat(api.get("/openapi-ui/%2e%2e%2f%2e%2e%2fllmops-build.properties", null).status()).isIn(400, 404);
        assertThat(api.get("/openapi-ui/llmops-build.properties", null).status()).isEqualTo(404);
    }

    static void assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
        assertThat(reply.json().path("title").asText()).isNotBlank();
        assertThat(reply.json().path("detail").asText()).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("SQL");
    }
}
