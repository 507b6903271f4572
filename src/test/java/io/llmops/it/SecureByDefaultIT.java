package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Reply;
import io.llmops.platform.security.SecureByDefault;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every resource method of the application, found by reflection over the built classes, refuses a
 * caller without a token unless it is on the explicit public list below; no spelling of a path
 * reaches a protected method; the OpenAPI document lists every endpoint.
 */
@ExtendWith(LlmopsServer.class)
class SecureByDefaultIT {

    /** The whole public surface. Adding to it is a security decision: review it. */
    private static final Set<String> PUBLIC = Set.of(
            "GET /ping",
            "POST /api/auth/register",
            "POST /api/auth/login",
            "POST /api/auth/refresh",
            "GET /api/auth/oauth/github",
            "GET /api/auth/oauth/github/callback",
            "GET /openapi-ui",
            "GET /openapi-ui/{file}",
            "GET /api/builtin-tools/{provider}/icon");

    record Endpoint(String method, String path, boolean isPublic) {
        String key() {
            return method + " " + path;
        }

        String concretePath() {
            return path.replaceAll("\\{[^}]+}", "0b7c0e84-5b0f-4e0e-8a39-1f0f6f0a4c11");
        }
    }

    private static List<Endpoint> endpoints;
    private final Api api = new Api();

    @BeforeAll
    static void discoverEndpoints() throws IOException {
        endpoints = new ArrayList<>();
        java.nio.file.Path classes = Paths.get("target/classes");
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, SecureByDefaultIT.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                Path classPath = type.getAnnotation(Path.class);
                if (classPath == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String httpMethod = httpMethod(method);
                    if (httpMethod == null) {
                        continue;
                    }
                    Path methodPath = method.getAnnotation(Path.class);
                    String path = "/" + classPath.value().replaceAll("^/|/$", "")
                            + (methodPath == null ? "" : "/" + methodPath.value().replaceAll("^/|/$", ""));
                    endpoints.add(new Endpoint(httpMethod, path, SecureByDefault.isPublic(method, type)));
                }
            }
        }
        assertThat(endpoints).hasSizeGreaterThan(10);
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    @Test
    void publicEndpointsAreExactlyTheReviewedList() {
        Set<String> publicNow = new TreeSet<>();
        endpoints.stream().filter(Endpoint::isPublic).map(Endpoint::key).forEach(publicNow::add);

        assertThat(publicNow).containsExactlyInAnyOrderElementsOf(PUBLIC);
    }

    @Test
    void everyOtherEndpointRefusesACallerWithoutToken() {
        for (Endpoint endpoint : endpoints.stream().filter(e -> !e.isPublic()).toList()) {
            Reply reply = call(endpoint.method(), endpoint.concretePath());
            assertThat(reply.status()).as(endpoint.key()).isEqualTo(401);
            assertThat(reply.code()).as(endpoint.key()).isEqualTo("unauthorized");
        }
    }

    @Test
    void noSpellingOfAPathSlipsPastAuthentication() {
        for (Endpoint endpoint : endpoints.stream().filter(e -> !e.isPublic()).toList()) {
            String path = endpoint.concretePath();
            List<String> variants = List.of(path + "/", path + ";x=y", "/" + path, path.toUpperCase(),
                    path.replace("/api/", "/api/./"), path.replace("/api/", "/api/%2e/"),
                    "/ping/%2e%2e" + path, "/ping/..;" + path, path.replaceFirst("/a", "/%61"));
            for (String variant : variants) {
                Reply reply = call(endpoint.method(), variant);
                assertThat(reply.status()).as(endpoint.method() + " " + variant).isIn(401, 404, 405, 400);
            }
        }
    }

    @Test
    void publicPlatformEndpointsNeedNoToken() {
        for (String path : List.of("/ping", "/openapi", "/health", "/health/ready", "/health/live", "/metrics", "/openapi-ui/")) {
            assertThat(api.get(path, null).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void openApiDocumentListsEveryEndpointWithTheBearerScheme() {
        Reply reply = api.send(api.request("/openapi", null).header("Accept", "application/json").GET());
        JsonNode document = reply.json();

        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        for (Endpoint endpoint : endpoints) {
            if (endpoint.path().startsWith("/openapi-ui")) {
                continue;
            }
            JsonNode operation = document.path("paths").path(endpoint.path()).path(endpoint.method().toLowerCase());
            assertThat(operation.isMissingNode()).as(endpoint.key()).isFalse();
            if (!endpoint.isPublic()) {
                assertThat(operation.path("security").toString()).as(endpoint.key()).contains("bearer");
            }
        }
        List<String> operationIds = document.path("paths").findValuesAsText("operationId");
        assertThat(operationIds).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(endpoints.size() - 2);
        JsonNode authResponse = document.at("/components/schemas/AuthResponse/properties");
        assertThat(authResponse.has("access_token")).isTrue();
        assertThat(authResponse.has("accessToken")).isFalse();
    }

    private Reply call(String method, String path) {
        HttpRequest.BodyPublisher body = Set.of("POST", "PUT", "PATCH").contains(method)
                ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody();
        return api.send(api.request(path, null).header("Content-Type", "application/json").method(method, body));
    }
}
