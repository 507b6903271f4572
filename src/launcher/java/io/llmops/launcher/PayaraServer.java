package io.llmops.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the WAR in a Payara Micro child process the way every launcher here does (run command,
 * integration tests): context root "/", the shared post-boot commands, the JDBC driver added to the
 * server, clustering off (instances share state through PostgreSQL and Redis instead).
 */
public final class PayaraServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private PayaraServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Where the build put things: target/llmops.war, target/payara/{payara-micro,postgresql}.jar, server-config/. */
    public record Layout(Path war, Path payaraDir, Path serverConfig) {
        public static Layout fromSystemProperties() {
            return new Layout(Path.of(required("llmops.war")), Path.of(required("llmops.payara.dir")),
                    Path.of(required("llmops.server.config")));
        }

        private static String required(String name) {
            String value = System.getProperty(name);
            if (value == null) {
                throw new IllegalStateException("system property " + name + " is not set (run through Maven)");
            }
            return value;
        }
    }

    /**
     * @param environment LLMOPS_* settings for the server (database, Redis, secrets)
     * @param logFile     where the server's output goes, or null to share this process' console
     */
    public static PayaraServer start(Layout layout, int port, Map<String, String> environment, Path logFile,
                                     List<String> extraJvmOptions) throws IOException {
        for (Path required : List.of(layout.war(), layout.payaraDir().resolve("payara-micro.jar"),
                layout.payaraDir().resolve("postgresql.jar"))) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalStateException(required + " is missing: build with 'mvn package' first");
            }
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // ZGC: G1's young pauses (15-65 ms on 2 cores) landed inside streamed answers (bench/README.md, "GC")
        command.addAll(List.of("-XX:+UseZGC", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-jar", layout.payaraDir().resolve("payara-micro.jar").toString(),
                "--deploy", layout.war().toString(),
                "--contextroot", "/",
                "--port", Integer.toString(port),
                "--nocluster",
                "--disablephonehome",
                "--addlibs", layout.payaraDir().resolve("postgresql.jar").toString(),
                "--postbootcommandfile", layout.serverConfig().resolve("post-boot-commands.asadmin").toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LLMOPS_EXIT_ON_STARTUP_FAILURE", "true");
        builder.environment().putAll(environment);
        if (logFile == null) {
            builder.inheritIO();
        } else {
            Files.createDirectories(logFile.getParent());
            builder.redirectErrorStream(true).redirectOutput(logFile.toFile());
        }
        return new PayaraServer(builder.start(), port);
    }

    /** Waits until GET /ping answers 200; fails if the server exits or the time runs out. */
    /**
     * Polls {@code GET /ping} until it answers 200. Each probe is a new HTTP/1.1 client: a probe that
     * reached Grizzly before the application was deployed once left a pooled connection that never
     * answered again, so every later probe on it timed out although the server was up.
     */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpRequest ping = HttpRequest.newBuilder(URI.create(baseUrl() + "/ping")).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with code " + process.exitValue() + " before it was ready");
            }
            try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(1)).build()) {
                if (client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Payara Micro was not ready within " + timeout);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
