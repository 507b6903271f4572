package io.llmops.it;

import io.llmops.it.Api.Reply;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.llmops.it.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's run command on embedded defaults: the launcher starts a real embedded PostgreSQL and
 * Redis, generates and keeps secrets, serves the API; after a restart the same account still signs in.
 */
class RunCommandIT {

    @Test
    void embeddedDefaultsServeTheApiAndKeepDataAcrossRestarts() throws Exception {
        Path dataDir = LlmopsServer.workDir().resolve("run-command-data");
        deleteRecursively(dataDir);
        int port = LlmopsServer.freePort();
        String email = "run-" + UUID.randomUUID() + "@example.com";

        Process first = launch(dataDir, port, "run-command-1.log");
        try {
            awaitPing(port, first);
            Reply registered = new Api("http://127.0.0.1:" + port).post("/api/auth/register", null,
                    object("email", email, "password", "persisted password", "name", "Runner"));
            assertThat(registered.status()).isEqualTo(201);
        } finally {
            stop(first);
        }
        assertThat(dataDir.resolve("secrets/jwt-private.pem")).exists();
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("secrets/secret.key")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");

        Process second = launch(dataDir, port, "run-command-2.log");
        try {
            awaitPing(port, second);
            Reply login = new Api("http://127.0.0.1:" + port).post("/api/auth/login", null,
                    object("email", email, "password", "persisted password"));
            assertThat(login.status()).isEqualTo(200);
        } finally {
            stop(second);
        }
    }

    private static Process launch(Path dataDir, int port, String logName) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", testClassPath()));
        for (String property : List.of("llmops.war", "llmops.payara.dir", "llmops.server.config")) {
            command.add("-D" + property + "=" + System.getProperty(property));
        }
        command.add("io.llmops.launcher.LocalRun");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(LlmopsServer.workDir().resolve(logName).toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LLMOPS_"));
        builder.environment().put("LLMOPS_PORT", Integer.toString(port));
        builder.environment().put("LLMOPS_DATA_DIR", dataDir.toString());
        return builder.start();
    }

    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null ? surefire : System.getProperty("java.class.path");
    }

    private static void awaitPing(int port, Process process) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ping = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/ping"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("launcher exited early").isTrue();
            try {
                if (client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("run command did not serve /ping in time");
    }

    /** Like Ctrl-C: the launcher's shutdown hook stops Payara, PostgreSQL and Redis. */
    private static void stop(Process launcher) throws InterruptedException {
        launcher.destroy();
        if (!launcher.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly().waitFor();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
