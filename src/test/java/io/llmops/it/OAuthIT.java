package io.llmops.it;

import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LlmopsServer.class)
class OAuthIT {

    private final Api api = new Api();

    private String freshState() {
        Reply start = api.get("/api/auth/oauth/github", null);
        assertThat(start.status()).isEqualTo(200);
        URI redirect = URI.create(start.json().path("redirect_url").asText());
        for (String pair : redirect.getRawQuery().split("&")) {
            if (pair.startsWith("state=")) {
                return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no state in " + redirect);
    }

    private static FakeGitHub.User newUser(String email) {
        long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        return new FakeGitHub.User(id, "octo" + id, "Octo Cat", email, true);
    }

    private Reply callback(String code, String state) {
        return api.get("/api/auth/oauth/github/callback?code=" + code + "&state=" + state, null);
    }

    @Test
    void startPointsAtGitHubWithClientIdAndState() {
        Reply start = api.get("/api/auth/oauth/github", null);

        String url = start.json().path("redirect_url").asText();
        assertThat(url).startsWith(LlmopsServer.github().baseUrl() + "/login/oauth/authorize?");
        assertThat(url).contains("client_id=" + FakeGitHub.CLIENT_ID).contains("state=").contains("redirect_uri=");
    }

    @Test
    void callbackCreatesAnAccountWithWorkspaceAndSignsIn() {
        String email = "gh-" + UUID.randomUUID() + "@example.com";
        LlmopsServer.github().script("code-1-" + email, newUser(email));

        Reply reply = callback("code-1-" + email, freshState());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("account").path("email").asText()).isEqualTo(email);
        assertThat(reply.json().path("account").path("name").asText()).isEqualTo("Octo Cat");
        assertThat(reply.json().path("workspace").path("role").asText()).isEqualTo("owner");
        String token = reply.json().path("access_token").asText();
        assertThat(api.get("/api/account", token).json().path("email").asText()).isEqualTo(email);
    }

    @Test
    void sameGitHubUserSignsIntoTheSameAccount() {
        String email = "gh-" + UUID.randomUUID() + "@example.com";
        FakeGitHub.User user = newUser(email);
        LlmopsServer.github().script("first-" + email, user);
        LlmopsServer.github().script("second-" + email, user);

        String first = callback("first-" + email, freshState()).json().path("account").path("id").asText();
        String second = callback("second-" + email, freshState()).json().path("account").path("id").asText();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void gitHubSignInLinksAnExistingAccountWithTheSameEmail() {
        Session existing = api.register();
        LlmopsServer.github().script("link-" + existing.email(), newUser(existing.email()));

        Reply reply = callback("link-" + existing.email(), freshState());

        assertThat(reply.json().path("account").path("id").asText()).isEqualTo(existing.accountId());
    }

    @Test
    void reusedStateIsRefused() {
        String email = "gh-" + UUID.randomUUID() + "@example.com";
        LlmopsServer.github().script("a-" + email, newUser(email));
        LlmopsServer.github().script("b-" + email, newUser(email));
        String state = freshState();
        assertThat(callback("a-" + email, state).status()).isEqualTo(200);

        Reply reuse = callback("b-" + email, state);

        assertThat(reuse.status()).isEqualTo(400);
        assertThat(reuse.code()).isEqualTo("oauth_state_invalid");
    }

    @Test
    void unknownOrMissingStateIsRefused() {
        assertThat(callback("whatever", "forged-state").code()).isEqualTo("oauth_state_invalid");
        assertThat(api.get("/api/auth/oauth/github/callback?code=x", null).code()).isEqualTo("oauth_state_invalid");
    }

    @Test
    void codeGitHubRejectsIsAClearError() {
        Reply reply = callback("never-issued", freshState());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("oauth_failed");
        assertThat(reply.json().path("detail").asText()).contains("incorrect or expired");
    }

    @Test
    void unverifiedEmailIsRefused() {
        String email = "gh-" + UUID.randomUUID() + "@example.com";
        FakeGitHub.User user = new FakeGitHub.User(42_000_001L + email.hashCode(), "unverified", "U", email, false);
        LlmopsServer.github().script("unverified-" + email, user);

        Reply reply = callback("unverified-" + email, freshState());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("oauth_email_unverified");
    }
}
