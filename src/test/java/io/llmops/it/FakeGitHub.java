package io.llmops.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback stand-in for GitHub's OAuth and API endpoints, on the allow-listed 127.0.0.2. Tests script which user a code signs in
 * as; the token endpoint checks client id, secret and code like GitHub does.
 */
public final class FakeGitHub implements AutoCloseable {

    public static final String CLIENT_ID = "it-client";
    public static final String CLIENT_SECRET = "it-client-secret-value";

    public record User(long id, String login, String name, String email, boolean verified) {
    }

    private final HttpServer server;
    private final Map<String, User> usersByCode = new ConcurrentHashMap<>();
    private final Map<String, User> usersByToken = new ConcurrentHashMap<>();

    public FakeGitHub() throws IOException {
        // 127.0.0.2: the address ITs allow-list for the SSRF guard (127.0.0.1 stays refused)
        server = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        server.createContext("/login/oauth/access_token", this::token);
        server.createContext("/user/emails", this::emails);
        server.createContext("/user", this::user);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.2:" + server.getAddress().getPort();
    }

    /** The next sign-in with {@code code} is {@code user}; each code works once, as at GitHub. */
    public void script(String code, User user) {
        usersByCode.put(code, user);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        User user = usersByCode.remove(form.getOrDefault("code", ""));
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret")) || user == null) {
            send(exchange, 200, "{\"error\":\"bad_verification_code\",\"error_description\":\"The code passed is incorrect or expired.\"}");
            return;
        }
        String token = "gho_" + java.util.UUID.randomUUID().toString().replace("-", "");
        usersByToken.put(token, user);
        send(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"scope\":\"read:user,user:email\"}");
    }

    private void user(HttpExchange exchange) throws IOException {
        User user = authorized(exchange);
        if (user == null) {
            send(exchange, 401, "{\"message\":\"Bad credentials\"}");
            return;
        }
        send(exchange, 200, "{\"id\":" + user.id() + ",\"login\":\"" + user.login() + "\",\"name\":\"" + user.name()
                + "\",\"avatar_url\":\"https://avatars.example/" + user.login() + "\"}");
    }

    private void emails(HttpExchange exchange) throws IOException {
        User user = authorized(exchange);
        if (user == null) {
            send(exchange, 401, "{\"message\":\"Bad credentials\"}");
            return;
        }
        send(exchange, 200, "[{\"email\":\"secondary-" + user.email() + "\",\"primary\":false,\"verified\":true},"
                + "{\"email\":\"" + user.email() + "\",\"primary\":true,\"verified\":" + user.verified() + "}]");
    }

    private User authorized(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization == null ? null : usersByToken.get(authorization.replaceFirst("^(?i)bearer ", ""));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
