package io.llmops.it;

import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.UUID;

import static io.llmops.it.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second instance sharing PostgreSQL and Redis sees revocations, OAuth states and throttling of the first
 * ({@link SecondInstance}: with the pgvector index where available, see PgVectorIT).
 */
@ExtendWith({LlmopsServer.class, SecondInstance.class})
class MultiInstanceIT {

    private final Api first = new Api();
    private Api other;

    private Api other() {
        if (other == null) {
            other = new Api(SecondInstance.url());
        }
        return other;
    }

    @Test
    void tokensFromOneInstanceWorkOnTheOther() {
        Session session = first.register();

        assertThat(other().get("/api/account", session.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void logoutOnOneInstanceRevokesOnTheOther() {
        Session session = first.register();
        assertThat(other().get("/api/account", session.accessToken()).status()).isEqualTo(200);

        assertThat(first.post("/api/auth/logout", session.accessToken(), "{}").status()).isEqualTo(204);

        Reply reply = other().get("/api/account", session.accessToken());
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("token_revoked");
    }

    @Test
    void oauthStateIssuedByOneInstanceIsAcceptedOnceByTheOther() {
        String email = "multi-" + UUID.randomUUID() + "@example.com";
        LlmopsServer.github().script("multi-" + email, new FakeGitHub.User(Math.abs(email.hashCode()) + 7L, "multi", "Multi", email, true));
        String redirect = first.get("/api/auth/oauth/github", null).json().path("redirect_url").asText();
        String state = URI.create(redirect).getQuery().replaceAll(".*state=([^&]+).*", "$1");

        assertThat(other().get("/api/auth/oauth/github/callback?code=multi-" + email + "&state=" + state, null).status())
                .isEqualTo(200);
        assertThat(first.get("/api/auth/oauth/github/callback?code=x&state=" + state, null).code())
                .isEqualTo("oauth_state_invalid");
    }

    @Test
    void loginFailuresCountAcrossInstances() {
        Session session = first.register();
        for (int i = 0; i < 10; i++) {
            Api instance = i % 2 == 0 ? first : other();
            assertThat(instance.post("/api/auth/login", null, object("email", session.email(), "password", "bad " + i)).status())
                    .isEqualTo(401);
        }

        assertThat(other().post("/api/auth/login", null, object("email", session.email(), "password", session.password())).status())
                .isEqualTo(429);
        assertThat(first.post("/api/auth/login", null, object("email", session.email(), "password", session.password())).status())
                .isEqualTo(429);
    }
}
