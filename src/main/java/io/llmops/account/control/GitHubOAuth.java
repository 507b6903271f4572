package io.llmops.account.control;

import io.llmops.platform.error.ApiException;
import io.llmops.platform.json.JsonbProvider;
import io.llmops.platform.outbound.OutboundBlockedException;
import io.llmops.platform.outbound.OutboundHttp;
import io.llmops.platform.outbound.OutboundRequest;
import jakarta.json.bind.JsonbException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * GitHub's OAuth web flow: the authorize URL, code-for-token exchange, the user and their primary
 * verified email. Every URL is configuration so tests point it at a loopback fake.
 */
public final class GitHubOAuth {

    private static final Logger LOG = Logger.getLogger(GitHubOAuth.class.getName());

    public record Settings(String clientId, String clientSecret, String redirectUri,
                           String authorizeUrl, String tokenUrl, String apiUrl) {
        @Override
        public String toString() {
            return "GitHub[client_id=" + clientId + ", client_secret=****]";
        }
    }

    public record Profile(String openId, String login, String name, String email, String avatarUrl, String accessToken) {
        @Override
        public String toString() {
            return "Profile[" + login + ", token=****]";
        }
    }

    public record TokenReply(String accessToken, String tokenType, String error, String errorDescription) {
    }

    public record User(Long id, String login, String name, String avatarUrl) {
    }

    public record Email(String email, Boolean primary, Boolean verified) {
    }

    private final Settings settings;
    private final OutboundHttp http;

    public GitHubOAuth(Settings settings, OutboundHttp http) {
        this.settings = settings;
        this.http = http;
    }

    public String authorizeUrl(String state) {
        return settings.authorizeUrl() + "?client_id=" + encode(settings.clientId())
                + "&redirect_uri=" + encode(settings.redirectUri())
                + "&scope=" + encode("read:user user:email")
                + "&state=" + encode(state);
    }

    public Profile exchange(String code) {
        String form = "client_id=" + encode(settings.clientId()) + "&client_secret=" + encode(settings.clientSecret())
                + "&code=" + encode(code) + "&redirect_uri=" + encode(settings.redirectUri());
        TokenReply token = call(OutboundRequest.of("POST", URI.create(settings.tokenUrl()))
                .withHeader("Accept", "application/json")
                .withBody("application/x-www-form-urlencoded", form), TokenReply.class);
        if (token.accessToken() == null || token.accessToken().isBlank()) {
            throw ApiException.badRequest("oauth_failed", "GitHub refused the code: "
                    + (token.errorDescription() != null ? token.errorDescription() : String.valueOf(token.error())));
        }
        User user = call(api("/user", token.accessToken()), User.class);
        Email[] emails = call(api("/user/emails", token.accessToken()), Email[].class);
        String email = java.util.Arrays.stream(emails)
                .filter(e -> e != null && Boolean.TRUE.equals(e.primary()) && Boolean.TRUE.equals(e.verified()))
                .map(Email::email)
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest("oauth_email_unverified",
                        "The GitHub account has no primary verified email"));
        if (user.id() == null) {
            throw new ApiException(502, "oauth_failed", "GitHub answered without a user id");
        }
        return new Profile(user.id().toString(), user.login(), user.name(), email, user.avatarUrl(), token.accessToken());
    }

    private OutboundRequest api(String path, String accessToken) {
        return OutboundRequest.get(URI.create(settings.apiUrl() + path))
                .withHeader("Accept", "application/vnd.github+json")
                .withHeader("Authorization", "Bearer " + accessToken);
    }

    private <T> T call(OutboundRequest request, Class<T> type) {
        OutboundHttp.Reply reply;
        try {
            reply = http.send(request);
        } catch (OutboundBlockedException e) {
            // the operator pointed a GitHub URL at an internal address without allow-listing it
            LOG.warning(() -> "GitHub call refused by the SSRF guard (add the host to LLMOPS_SSRF_ALLOWLIST): " + e.getMessage());
            throw new ApiException(502, "oauth_failed", "GitHub could not be reached");
        } catch (IOException e) {
            LOG.warning(() -> "GitHub call failed: " + e);
            throw new ApiException(502, "oauth_failed", "GitHub could not be reached");
        }
        if (!reply.isSuccess()) {
            throw new ApiException(502, "oauth_failed", "GitHub answered HTTP " + reply.status());
        }
        T value;
        try {
            value = JsonbProvider.shared().fromJson(reply.body(), type);
        } catch (JsonbException e) {
            value = null;
        }
        if (value == null) {
            throw new ApiException(502, "oauth_failed", "GitHub answered something that is not the expected JSON");
        }
        return value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
