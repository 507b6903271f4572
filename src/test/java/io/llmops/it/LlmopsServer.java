package io.llmops.it;

import io.llmops.launcher.LocalSecrets;
import io.llmops.launcher.PayaraServer;
import io.llmops.testing.FakeUpstreams;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the built WAR in one real Payara Micro for the whole test run (not per class), against the
 * machine's PostgreSQL (a fresh database, {@code llmops_it}) and Redis (database 15, flushed) — both
 * can be changed by environment for parallel runs — with a
 * fake GitHub on loopback, {@code LLMOPS_SSRF_ALLOWLIST=127.0.0.2} (where fakes listen), a JVM
 * hosts file ({@link #hostsFile()}) and one fake of every built-in tool's upstream ({@link FakeUpstreams}
 * on 127.0.0.2, a path prefix per provider; the server's tool base URLs point at it). Its output goes
 * to target/it-server/payara.log for tests that read the log.
 */
public final class LlmopsServer implements BeforeAllCallback {

    static final String ADMIN_URL = env("LLMOPS_IT_DATABASE_ADMIN_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String DB_USER = env("LLMOPS_IT_DATABASE_USER", "postgres");
    static final String DB_NAME = env("LLMOPS_IT_DATABASE_NAME", "llmops_it");
    static final String REDIS_URL = env("LLMOPS_IT_REDIS_URL", "redis://127.0.0.1:6379/15");

    private static Running running;

    /** What tests need of the running server. */
    public record Running(PayaraServer server, FakeGitHub github, FakeUpstreams upstreams, Path log,
                          Map<String, String> secrets, Map<String, String> environment)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            server.close();
            github.close();
            upstreams.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (LlmopsServer.class) {
            if (running == null) {
                running = start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(LlmopsServer.class.getName(), running);
            }
        }
    }

    public static String url() {
        return running.server().baseUrl();
    }

    public static FakeGitHub github() {
        return running.github();
    }

    /** The fake built-in tool upstreams: program replies under /duckduckgo, /gaode, /dalle/v1, /wikipedia/{lang}, /serper. */
    public static FakeUpstreams upstreams() {
        return running.upstreams();
    }

    public static Path log() {
        return running.log();
    }

    public static Map<String, String> secrets() {
        return running.secrets();
    }

    /** Everything the running server was started with, to start a second instance beside it. */
    public static Map<String, String> environment() {
        return running.environment();
    }

    private static Running start() throws Exception {
        recreateDatabase();
        deleteRecursively(storageRoot());
        try (var redis = new redis.clients.jedis.JedisPooled(java.net.URI.create(REDIS_URL))) {
            redis.flushDB();
        }
        FakeGitHub github = new FakeGitHub();
        Map<String, String> secrets = LocalSecrets.ephemeral();
        Map<String, String> env = new HashMap<>(baseEnvironment());
        env.putAll(secrets);
        env.put("LLMOPS_GITHUB_CLIENT_ID", FakeGitHub.CLIENT_ID);
        env.put("LLMOPS_GITHUB_CLIENT_SECRET", FakeGitHub.CLIENT_SECRET);
        env.put("LLMOPS_GITHUB_AUTHORIZE_URL", github.baseUrl() + "/login/oauth/authorize");
        env.put("LLMOPS_GITHUB_TOKEN_URL", github.baseUrl() + "/login/oauth/access_token");
        env.put("LLMOPS_GITHUB_API_URL", github.baseUrl());
        env.put("LLMOPS_GITHUB_REDIRECT_URI", "http://localhost/api/auth/oauth/github/callback");
        // fakes of upstream services bind 127.0.0.2; tests prove 127.0.0.1 and the rest stay refused
        env.put("LLMOPS_SSRF_ALLOWLIST", "127.0.0.2");
        FakeUpstreams upstreams = FakeUpstreams.start("127.0.0.2");
        env.put("LLMOPS_TOOLS_DUCKDUCKGO_BASE_URL", upstreams.baseUrl() + "/duckduckgo");
        env.put("LLMOPS_TOOLS_GAODE_BASE_URL", upstreams.baseUrl() + "/gaode");
        env.put("LLMOPS_TOOLS_DALLE_BASE_URL", upstreams.baseUrl() + "/dalle/v1");
        env.put("LLMOPS_TOOLS_WIKIPEDIA_BASE_URL", upstreams.baseUrl() + "/wikipedia/{lang}");
        env.put("LLMOPS_TOOLS_SERPER_BASE_URL", upstreams.baseUrl() + "/serper");
        // a fresh, empty index per run: datasets start out missing from it, as after a lost disk
        env.put("LLMOPS_KNOWLEDGE_INDEX_DIR", Files.createTempDirectory(workDir(), "index-").toAbsolutePath().toString());
        // where DJL unpacks the tokenizer's native library (default ~/.djl.ai): proves the setting reaches it
        env.put("DJL_CACHE_DIR", workDir().resolve("djl").toAbsolutePath().toString());
        env.put("LLMOPS_STORAGE_ROOT", storageRoot().toString());
        // ingestion: small checkpoints and quick crash detection, so resumption is observable in seconds
        env.put("LLMOPS_INGEST_CHECKPOINT_SEGMENTS", "5");
        env.put("LLMOPS_INGEST_HEARTBEAT_SECONDS", "1");
        env.put("LLMOPS_INGEST_STALE_AFTER_SECONDS", "5");
        env.put("LLMOPS_INGEST_RECONCILE_INTERVAL_SECONDS", "1");
        // clean-up timers every 2 s; what they delete is days old (CleanupIT ages its rows), so other tests' fresh rows stay
        env.put("LLMOPS_CLEANUP_INTERVAL_SECONDS", "2");
        Path log = workDir().resolve("payara.log");
        PayaraServer server = PayaraServer.start(PayaraServer.Layout.fromSystemProperties(), freePort(), env, log,
                List.of("-Djdk.net.hosts.file=" + hostsFile()));
        try {
            server.awaitReady(Duration.ofMinutes(4));
        } catch (RuntimeException | IOException | InterruptedException e) {
            server.close();
            github.close();
            upstreams.close();
            throw new IllegalStateException("Payara did not start; see " + log, e);
        }
        return new Running(server, github, upstreams, log, secrets, Map.copyOf(env));
    }

    /**
     * The server's only name resolution: fixed names, so ITs can show a host name that resolves to
     * a private or metadata address being refused ({@link #INTERNAL_HOST}, {@link #METADATA_HOST}),
     * and one that resolves to the allow-listed fakes' address ({@link #FAKE_HOST}).
     */
    private static Path hostsFile() throws IOException {
        String self = java.net.InetAddress.getLocalHost().getHostName();
        return Files.writeString(workDir().resolve("hosts"), String.join("\n",
                "127.0.0.1 localhost " + self,
                "::1 localhost",
                "10.1.2.3 " + INTERNAL_HOST,
                "169.254.169.254 " + METADATA_HOST,
                "127.0.0.2 " + FAKE_HOST,
                ""));
    }

    /** Resolves to 10.1.2.3 inside the IT server. */
    public static final String INTERNAL_HOST = "internal.example.test";
    /** Resolves to 169.254.169.254 (cloud metadata) inside the IT server. */
    public static final String METADATA_HOST = "metadata.example.test";
    /** Resolves to 127.0.0.2 (allow-listed, where fakes listen) inside the IT server. */
    public static final String FAKE_HOST = "fakes.example.test";

    /** Database and Redis settings every test server uses (secrets excluded). */
    public static Map<String, String> baseEnvironment() {
        return Map.of("LLMOPS_DATABASE_URL", ADMIN_URL.replaceFirst("/[^/]*$", "/" + DB_NAME),
                "LLMOPS_DATABASE_USER", DB_USER,
                "LLMOPS_DATABASE_PASSWORD", env("LLMOPS_IT_DATABASE_PASSWORD", ""),
                "LLMOPS_REDIS_URL", REDIS_URL);
    }

    /** Where the server stores uploaded files (LLMOPS_STORAGE_ROOT), emptied at the start of a run. */
    public static Path storageRoot() throws IOException {
        return workDir().resolve("storage").toAbsolutePath();
    }

    public static Path workDir() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("llmops.it.work", "target/it-server")));
    }

    private static void recreateDatabase() throws Exception {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, DB_USER, env("LLMOPS_IT_DATABASE_PASSWORD", ""));
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + DB_NAME + " with (force)");
            statement.execute("create database " + DB_NAME);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
