package io.llmops.it;

import io.llmops.it.Api.Session;
import io.llmops.launcher.LocalSecrets;
import io.llmops.launcher.PayaraServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets never leak, and a server without strong ones (or with a malformed SSRF allow-list) refuses to start. */
@ExtendWith(LlmopsServer.class)
class SecretsIT {

    private final Api api = new Api();

    @Test
    void noSecretReachesTheLogOrAResponse() throws Exception {
        Session session = api.register();
        api.post("/api/auth/login", null, Api.object("email", session.email(), "password", "wrong-" + session.password()));
        String responses = api.get("/api/account", session.accessToken()).body()
                + api.get("/openapi", null).body() + api.get("/health/ready", null).body();

        String log = Files.readString(LlmopsServer.log());
        Map<String, String> secrets = LlmopsServer.secrets();
        String privateKeyBody = secrets.get("LLMOPS_JWT_PRIVATE_KEY").lines().skip(2).findFirst().orElseThrow();
        for (String secret : List.of(privateKeyBody, secrets.get("LLMOPS_SECRET_KEY"), session.password(),
                session.refreshToken(), FakeGitHub.CLIENT_SECRET)) {
            assertThat(log).doesNotContain(secret);
            assertThat(responses).doesNotContain(secret);
        }
    }

    @Test
    void serverRefusesToStartWithWeakOrMissingSecrets() throws Exception {
        Map<String, String> strong = LocalSecrets.ephemeral();
        Map<String, String> weakKey = new HashMap<>(strong);
        weakKey.put("LLMOPS_SECRET_KEY", "c2hvcnQtc2VjcmV0");
        Map<String, String> noSigningKey = new HashMap<>(strong);
        noSigningKey.remove("LLMOPS_JWT_PRIVATE_KEY");

        Map<String, String> noVerificationKey = new HashMap<>(strong);
        noVerificationKey.remove("LLMOPS_JWT_PUBLIC_KEY");

        Path weakLog = LlmopsServer.workDir().resolve("refuse-weak.log");
        Path missingLog = LlmopsServer.workDir().resolve("refuse-missing.log");
        Path noPublicLog = LlmopsServer.workDir().resolve("refuse-no-public.log");
        try (PayaraServer weak = start(weakKey, weakLog); PayaraServer missing = start(noSigningKey, missingLog);
             PayaraServer noPublic = start(noVerificationKey, noPublicLog)) {
            for (PayaraServer server : List.of(weak, missing, noPublic)) {
                assertThat(server.process().waitFor(4, TimeUnit.MINUTES)).as("server still running").isTrue();
                assertThat(server.process().exitValue()).isEqualTo(78);
            }
        }
        assertThat(Files.readString(weakLog)).contains("Refusing to start: LLMOPS_SECRET_KEY").doesNotContain("c2hvcnQtc2VjcmV0");
        assertThat(Files.readString(missingLog)).contains("Refusing to start: LLMOPS_JWT_PRIVATE_KEY is not set");
        assertThat(Files.readString(noPublicLog)).contains("Refusing to start: LLMOPS_JWT_PUBLIC_KEY is not set");
    }

    @Test
    void serverRefusesToStartWithAMalformedSsrfAllowlist() throws Exception {
        Map<String, String> env = new HashMap<>(LocalSecrets.ephemeral());
        env.put("LLMOPS_SSRF_ALLOWLIST", "127.0.0.2, 10.0.0.0/33");
        Path log = LlmopsServer.workDir().resolve("refuse-allowlist.log");

        try (PayaraServer server = start(env, log)) {
            assertThat(server.process().waitFor(4, TimeUnit.MINUTES)).as("server still running").isTrue();
            assertThat(server.process().exitValue()).isEqualTo(78);
        }
        assertThat(Files.readString(log)).contains("Refusing to start: LLMOPS_SSRF_ALLOWLIST is malformed: '10.0.0.0/33'");
    }

    private static PayaraServer start(Map<String, String> secrets, Path log) throws Exception {
        Map<String, String> env = new HashMap<>(LlmopsServer.baseEnvironment());
        env.putAll(secrets);
        return PayaraServer.start(PayaraServer.Layout.fromSystemProperties(), LlmopsServer.freePort(), env, log, List.of());
    }
}
