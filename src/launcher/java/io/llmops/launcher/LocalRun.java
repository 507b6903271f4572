package io.llmops.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * README's run command: the WAR in Payara Micro on port 8080 (LLMOPS_PORT), using the database and
 * Redis named by LLMOPS_DATABASE_URL / LLMOPS_REDIS_URL, or else embedded ones: a real PostgreSQL
 * whose data stays in LLMOPS_DATA_DIR (default ./data) across restarts, and a real Redis.
 */
public final class LocalRun {

    private static final Logger LOG = Logger.getLogger(LocalRun.class.getName());

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = new HashMap<>();
        Path dataDir = Path.of(System.getenv().getOrDefault("LLMOPS_DATA_DIR", "data")).toAbsolutePath();
        int port = Integer.parseInt(System.getenv().getOrDefault("LLMOPS_PORT", "8080"));
        List<AutoCloseable> toClose = new java.util.ArrayList<>();

        if (blank("LLMOPS_DATABASE_URL")) {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.resolve("postgres"))
                    .setCleanDataDirectory(false)
                    .setPort(freePort())
                    .start();
            toClose.add(postgres);
            createDatabase(postgres, "llmops");
            env.put("LLMOPS_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/llmops");
            env.put("LLMOPS_DATABASE_USER", "postgres");
            env.put("LLMOPS_DATABASE_PASSWORD", "");
            LOG.info("Embedded PostgreSQL on port " + postgres.getPort() + ", data in " + dataDir.resolve("postgres"));
        }
        if (blank("LLMOPS_REDIS_URL")) {
            int redisPort = freePort();
            Path redisDir = Files.createDirectories(dataDir.resolve("redis"));
            RedisServer redis = RedisServer.newRedisServer().port(redisPort)
                    .setting("bind 127.0.0.1")
                    .setting("dir " + redisDir)
                    .setting("appendonly yes")
                    .build();
            redis.start();
            toClose.add(redis::stop);
            env.put("LLMOPS_REDIS_URL", "redis://127.0.0.1:" + redisPort + "/0");
            LOG.info("Embedded Redis on port " + redisPort);
        }
        if (blank("LLMOPS_JWT_PRIVATE_KEY") && blank("LLMOPS_SECRET_KEY")) {
            env.putAll(LocalSecrets.loadOrCreate(dataDir.resolve("secrets")));
            LOG.info("Using the signing and encryption keys kept in " + dataDir.resolve("secrets"));
        }
        if (blank("LLMOPS_KNOWLEDGE_INDEX_DIR")) {
            env.put("LLMOPS_KNOWLEDGE_INDEX_DIR", dataDir.resolve("index").toString());
        }
        // the server keeps uploaded files in <data dir>/storage unless LLMOPS_STORAGE_ROOT says otherwise
        env.put("LLMOPS_DATA_DIR", dataDir.toString());
        env.putIfAbsent("LLMOPS_DATABASE_USER", System.getenv().getOrDefault("LLMOPS_DATABASE_USER", ""));
        env.putIfAbsent("LLMOPS_DATABASE_PASSWORD", System.getenv().getOrDefault("LLMOPS_DATABASE_PASSWORD", ""));

        PayaraServer server = PayaraServer.start(PayaraServer.Layout.fromSystemProperties(), port, env, null, List.of());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            for (AutoCloseable closeable : toClose.reversed()) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warning("Stopping " + closeable + ": " + e);
                }
            }
        }));
        server.awaitReady(Duration.ofMinutes(5));
        LOG.info("LLMOps is ready at " + server.baseUrl() + " (API document at /openapi, UI at /openapi-ui/)");
        int exit = server.process().waitFor();
        System.exit(exit);
    }

    private static boolean blank(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank();
    }

    private static void createDatabase(EmbeddedPostgres postgres, String name) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("create database " + name);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
