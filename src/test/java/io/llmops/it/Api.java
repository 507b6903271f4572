package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** A plain HTTP client for the black-box tests: what an integrator would send, nothing more. */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api() {
        this(LlmopsServer.url());
    }

    public Api(String base) {
        this.base = base;
    }

    public record Reply(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String code() {
            return json().path("code").asText();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    /** A signed-up account: its tokens and ids. */
    public record Session(String email, String password, String accessToken, String refreshToken, String accountId,
                          String workspaceId) {
        static Session of(String email, String password, JsonNode auth) {
            return new Session(email, password, auth.path("access_token").asText(), auth.path("refresh_token").asText(),
                    auth.path("account").path("id").asText(), auth.path("workspace").path("id").asText());
        }
    }

    public Session register() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        String password = "pw-" + UUID.randomUUID();
        Reply reply = post("/api/auth/register", null, object("email", email, "password", password, "name", "Test User"));
        if (reply.status() != 201) {
            throw new AssertionError("register failed: " + reply.status() + " " + reply.body());
        }
        return Session.of(email, password, reply.json());
    }

    /**
     * Stores OpenAI credentials pointing at a (fake) model server for the session's workspace and
     * creates an app whose draft config is {@code configPatch}; answers the app's id.
     */
    public String appWithModel(Session session, String apiKey, String baseUrl, String name, String configPatch) {
        Reply credentials = put("/api/model-providers/openai/credentials", session.accessToken(),
                object("api_key", apiKey, "base_url", baseUrl));
        if (credentials.status() != 200) {
            throw new AssertionError("credentials: " + credentials.status() + " " + credentials.body());
        }
        String appId = post("/api/apps", session.accessToken(), object("name", name)).json().path("id").asText();
        Reply configured = patch("/api/apps/" + appId + "/draft-config", session.accessToken(), configPatch);
        if (configured.status() != 200) {
            throw new AssertionError("draft config: " + configured.status() + " " + configured.body());
        }
        return appId;
    }

    public static ObjectNode object(String... keyValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.put(keyValues[i], keyValues[i + 1]);
        }
        return node;
    }

    public Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Reply delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Reply post(String path, String token, Object body) {
        return send(withJson(request(path, token), "POST", body));
    }

    public Reply put(String path, String token, Object body) {
        return send(withJson(request(path, token), "PUT", body));
    }

    public Reply patch(String path, String token, Object body) {
        return send(withJson(request(path, token), "PATCH", body));
    }

    public Reply raw(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder request = request(path, token);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.Builder withJson(HttpRequest.Builder request, String method, Object body) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
