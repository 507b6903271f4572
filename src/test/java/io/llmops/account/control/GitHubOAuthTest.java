package io.llmops.account.control;

import io.llmops.platform.error.ApiException;
import io.llmops.platform.outbound.OutboundHttp;
import io.llmops.platform.outbound.SsrfGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GitHubOAuthTest {

    private static final String USER = """
            {"id": 42, "login": "ada", "name": "Ada Lovelace", "avatar_url": "https://avatars.test/42", "site_admin": false}""";
    private static final String EMAILS = """
            [{"email": "ada@secondary.test", "primary": false, "verified": true},
             {"email": "ada@primary.test", "primary": true, "verified": true, "visibility": "private"}]""";

    private FakeGitHub github;
    private GitHubOAuth oauth;

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub();
        var settings = new GitHubOAuth.Settings("client-1", "s3cret&=", "http://localhost:8080/api/oauth/github/callback",
                github.baseUrl() + "/login/oauth/authorize", github.baseUrl() + FakeGitHub.TOKEN_PATH, github.baseUrl());
        // the fake listens on 127.0.0.1: allow-listed as an operator would allow-list an internal GitHub
        oauth = new GitHubOAuth(settings, new OutboundHttp(Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024,
                new SsrfGuard("127.0.0.1")));
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    private void tokenIssued() {
        github.answer(FakeGitHub.TOKEN_PATH, 200, "{\"access_token\":\"gho_abc\",\"token_type\":\"bearer\",\"scope\":\"read:user\"}");
    }

    @Test
    void authorizeUrlCarriesEncodedParametersAndState() {
        String url = oauth.authorizeUrl("st/a+te=1&x");

        assertThat(url).startsWith(github.baseUrl() + "/login/oauth/authorize?");
        assertThat(URI.create(url).getRawQuery()).doesNotContain("st/a+te=1&x").doesNotContain("://");
        assertThat(query(url)).containsExactly(
                Map.entry("client_id", "client-1"),
                Map.entry("redirect_uri", "http://localhost:8080/api/oauth/github/callback"),
                Map.entry("scope", "read:user user:email"),
                Map.entry("state", "st/a+te=1&x"));
    }

    @Test
    void exchangeReturnsProfileWithPrimaryVerifiedEmail() {
        tokenIssued();
        github.answer("/user", 200, USER).answer("/user/emails", 200, EMAILS);

        GitHubOAuth.Profile profile = oauth.exchange("code-123");

        assertThat(profile.openId()).isEqualTo("42");
        assertThat(profile.login()).isEqualTo("ada");
        assertThat(profile.name()).isEqualTo("Ada Lovelace");
        assertThat(profile.email()).isEqualTo("ada@primary.test");
        assertThat(profile.avatarUrl()).isEqualTo("https://avatars.test/42");
        assertThat(profile.accessToken()).isEqualTo("gho_abc");
        assertThat(profile.toString()).doesNotContain("gho_abc");
    }

    @Test
    void exchangePostsTheCodeAndSecretAndCallsTheApiWithTheToken() {
        tokenIssued();
        github.answer("/user", 200, USER).answer("/user/emails", 200, EMAILS);

        oauth.exchange("code-123");

        FakeGitHub.Request token = github.requests.getFirst();
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.path()).isEqualTo(FakeGitHub.TOKEN_PATH);
        assertThat(token.header("Accept")).isEqualTo("application/json");
        assertThat(query("http://x/?" + token.body()))
                .containsEntry("client_id", "client-1")
                .containsEntry("client_secret", "s3cret&=")
                .containsEntry("code", "code-123");
        assertThat(github.requests.subList(1, 3))
                .extracting(FakeGitHub.Request::path).containsExactly("/user", "/user/emails");
        assertThat(github.requests.subList(1, 3))
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer gho_abc"));
    }

    @Test
    void accountWithoutPrimaryVerifiedEmailIsRefused() {
        tokenIssued();
        github.answer("/user", 200, USER).answer("/user/emails", 200, """
                [{"email": "ada@primary.test", "primary": true, "verified": false},
                 {"email": "ada@other.test", "primary": false, "verified": true}]""");

        ApiException e = catchThrowableOfType(ApiException.class, () -> oauth.exchange("code-123"));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("oauth_email_unverified");
    }

    @Test
    void refusedCodeIsOauthFailed() {
        github.answer(FakeGitHub.TOKEN_PATH, 200, """
                {"error": "bad_verification_code", "error_description": "The code passed is incorrect or expired."}""");

        ApiException e = catchThrowableOfType(ApiException.class, () -> oauth.exchange("stale"));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("oauth_failed");
        assertThat(e.getMessage()).contains("incorrect or expired");
        assertThat(github.requests).hasSize(1);
    }

    @Test
    void serverErrorFromApiIsBadGateway() {
        tokenIssued();
        github.answer("/user", 500, "{\"message\":\"boom\"}");

        ApiException e = catchThrowableOfType(ApiException.class, () -> oauth.exchange("code-123"));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.code()).isEqualTo("oauth_failed");
    }

    @Test
    void serverErrorFromTokenEndpointIsBadGateway() {
        github.answer(FakeGitHub.TOKEN_PATH, 503, "");

        ApiException e = catchThrowableOfType(ApiException.class, () -> oauth.exchange("code-123"));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.code()).isEqualTo("oauth_failed");
    }

    @Test
    void answerThatIsNotJsonIsBadGateway() {
        tokenIssued();
        github.answer("/user", 200, "<html>rate limited</html>");

        ApiException e = catchThrowableOfType(ApiException.class, () -> oauth.exchange("code-123"));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.code()).isEqualTo("oauth_failed");
    }

    @Test
    void unreachableGitHubIsBadGateway() {
        github.close();

        ApiException e = catchThrowableOfType(ApiException.class, () -> oauth.exchange("code-123"));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.code()).isEqualTo("oauth_failed");
    }

    @Test
    void gitHubOnAnInternalAddressThatIsNotAllowListedIsRefused() {
        tokenIssued();
        var settings = new GitHubOAuth.Settings("client-1", "s", "http://localhost/cb",
                github.baseUrl() + "/login/oauth/authorize", github.baseUrl() + FakeGitHub.TOKEN_PATH, github.baseUrl());
        var guarded = new GitHubOAuth(settings, new OutboundHttp(Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024));

        ApiException e = catchThrowableOfType(ApiException.class, () -> guarded.exchange("code-123"));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.code()).isEqualTo("oauth_failed");
        assertThat(github.requests).isEmpty();
    }
}
