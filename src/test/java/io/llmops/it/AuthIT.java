package io.llmops.it;

import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Base64;
import java.util.UUID;

import static io.llmops.it.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LlmopsServer.class)
class AuthIT {

    private final Api api = new Api();

    @Test
    void registerAnswersAccountWorkspaceAndTokenPair() {
        String email = "New.User-" + UUID.randomUUID() + "@Example.com";
        Reply reply = api.post("/api/auth/register", null, object("email", email, "password", "correct horse", "name", " Ada "));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("account").path("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(reply.json().path("account").path("name").asText()).isEqualTo("Ada");
        assertThat(reply.json().path("account").has("password_hash")).isFalse();
        assertThat(reply.json().path("workspace").path("role").asText()).isEqualTo("owner");
        assertThat(reply.json().path("access_token").asText()).contains(".");
        assertThat(reply.json().path("refresh_token").asText()).hasSizeGreaterThan(30);
        assertThat(reply.json().path("expires_in").asInt()).isEqualTo(900);
        assertThat(reply.json().path("token_type").asText()).isEqualTo("Bearer");
    }

    @Test
    void duplicateEmailIsRefusedWhateverItsCase() {
        Session first = api.register();
        Reply again = api.post("/api/auth/register", null,
                object("email", first.email().toUpperCase(), "password", "another password", "name", "Copy"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("email_taken");
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void invalidSignUpNamesEveryBadField() {
        Reply reply = api.post("/api/auth/register", null, object("email", "not-an-email", "password", "short", "name", ""));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("validation_failed");
        assertThat(reply.json().path("errors").findValuesAsText("field")).containsExactly("email", "name", "password");
    }

    @Test
    void overlongPasswordAndNameAreRefused() {
        Reply reply = api.post("/api/auth/register", null, object("email", "x-" + UUID.randomUUID() + "@example.com",
                "password", "p".repeat(129), "name", "n".repeat(65)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("errors").findValuesAsText("field")).containsExactly("name", "password");
    }

    @Test
    void loginWithRightPasswordSignsIn() {
        Session session = api.register();
        Reply reply = api.post("/api/auth/login", null, object("email", session.email(), "password", session.password()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("account").path("id").asText()).isEqualTo(session.accountId());
        assertThat(reply.json().path("account").path("last_login_at").isTextual()).isTrue();
    }

    @Test
    void wrongPasswordAndUnknownEmailAnswerTheSame() {
        Session session = api.register();
        Reply wrongPassword = api.post("/api/auth/login", null, object("email", session.email(), "password", "wrong password"));
        Reply unknownEmail = api.post("/api/auth/login", null,
                object("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", "wrong password"));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.code()).isEqualTo("invalid_credentials");
        assertThat(unknownEmail.code()).isEqualTo("invalid_credentials");
        assertThat(wrongPassword.json().path("detail")).isEqualTo(unknownEmail.json().path("detail"));
    }

    @Test
    void tenFailedLoginsThrottleEvenTheRightPassword() {
        Session session = api.register();
        for (int i = 0; i < 10; i++) {
            assertThat(api.post("/api/auth/login", null, object("email", session.email(), "password", "wrong " + i)).status())
                    .isEqualTo(401);
        }
        Reply blocked = api.post("/api/auth/login", null, object("email", session.email(), "password", session.password()));

        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.code()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 900L);
    }

    @Test
    void refreshRotatesThePair() {
        Session session = api.register();
        Reply refreshed = api.post("/api/auth/refresh", null, object("refresh_token", session.refreshToken()));

        assertThat(refreshed.status()).isEqualTo(200);
        String newAccess = refreshed.json().path("access_token").asText();
        assertThat(newAccess).isNotEqualTo(session.accessToken());
        assertThat(refreshed.json().path("refresh_token").asText()).isNotEqualTo(session.refreshToken());
        assertThat(api.get("/api/account", newAccess).status()).isEqualTo(200);
    }

    @Test
    void reusedRefreshTokenRevokesTheWholeFamily() {
        Session session = api.register();
        Reply rotated = api.post("/api/auth/refresh", null, object("refresh_token", session.refreshToken()));
        String successor = rotated.json().path("refresh_token").asText();

        Reply reuse = api.post("/api/auth/refresh", null, object("refresh_token", session.refreshToken()));
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.code()).isEqualTo("refresh_token_reused");

        Reply successorAfterTheft = api.post("/api/auth/refresh", null, object("refresh_token", successor));
        assertThat(successorAfterTheft.status()).isEqualTo(401);
        assertThat(successorAfterTheft.code()).isIn("invalid_refresh_token", "refresh_token_reused");

        // access tokens of that sign-in die at once too, not 15 minutes later
        Reply thiefAccess = api.get("/api/account", rotated.json().path("access_token").asText());
        assertThat(thiefAccess.status()).isEqualTo(401);
        assertThat(thiefAccess.code()).isEqualTo("token_revoked");
        assertThat(api.get("/api/account", session.accessToken()).code()).isEqualTo("token_revoked");
    }

    @Test
    void unknownRefreshTokenIsRefused() {
        Reply reply = api.post("/api/auth/refresh", null, object("refresh_token", "not-a-token"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("invalid_refresh_token");
    }

    @Test
    void logoutRevokesTheAccessTokenForEveryClient() {
        Session session = api.register();
        assertThat(api.post("/api/auth/logout", session.accessToken(), "{}").status()).isEqualTo(204);

        // a brand-new client (new connections) is refused just the same: the revocation lives in Redis
        Reply afterLogout = new Api().get("/api/account", session.accessToken());
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.code()).isEqualTo("token_revoked");

        Reply refresh = new Api().post("/api/auth/refresh", null, object("refresh_token", session.refreshToken()));
        assertThat(refresh.status()).isEqualTo(401);
    }

    @Test
    void logoutWithoutTokenIsUnauthorized() {
        Reply reply = api.raw("POST", "/api/auth/logout", null, null, null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("unauthorized");
    }

    @Test
    void forgedExpiredAndUnsignedTokensAreRefused() {
        Session session = api.register();
        String[] parts = session.accessToken().split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String otherSubject = payload.replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"" + UUID.randomUUID() + "\"");
        String tampered = parts[0] + "." + b64.encodeToString(otherSubject.getBytes()) + "." + parts[2];
        String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "." + parts[1] + ".";
        String expired = parts[0] + "." + b64.encodeToString(payload.replaceFirst("\"exp\":\\d+", "\"exp\":1000").getBytes())
                + "." + parts[2];

        String signature = parts[2];
        // the first character: the last one of a base64url signature may carry unused bits only
        String badSignature = parts[0] + "." + parts[1] + "." + (signature.startsWith("A") ? "B" : "A")
                + signature.substring(1);

        for (String token : new String[]{tampered, none, expired, badSignature, "garbage"}) {
            Reply reply = api.get("/api/account", token);
            assertThat(reply.status()).as(token).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.body()).doesNotContain("Exception");
        }
    }
}
