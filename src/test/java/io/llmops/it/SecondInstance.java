package io.llmops.it;

import io.llmops.launcher.PayaraServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's one extra server, shared by the ITs about several instances (register after
 * {@link LlmopsServer}: {@code @ExtendWith({LlmopsServer.class, SecondInstance.class})}): same database,
 * Redis and secrets as the first. Where the IT database has the pgvector table it runs with
 * {@code LLMOPS_KNOWLEDGE_INDEX=pgvector} (the deployment pgvector is for), else with Lucene in a
 * directory of its own; either way one start per run, stopped at its end. It commits chat turns' outcomes
 * with {@code LLMOPS_CHAT_DURABLE_OUTCOME=false}, the setting's other value.
 */
public final class SecondInstance implements BeforeAllCallback {

    public record Started(PayaraServer server, Path log, Path indexDir, String pgvectorSkipReason)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }

    private static Started started;
    /** A start that failed once is not tried again by the next class (it would cost another four minutes). */
    private static IllegalStateException failed;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SecondInstance.class) {
            if (failed != null) {
                throw failed;
            }
            if (started == null) {
                try {
                    started = start();
                } catch (IllegalStateException e) {
                    failed = e;
                    throw e;
                }
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SecondInstance.class.getName(), started);
            }
        }
    }

    public static Started get() {
        return started;
    }

    public static String url() {
        return started.server().baseUrl();
    }

    private static Started start() throws Exception {
        String skipReason = pgvectorSkipReason();
        Map<String, String> env = new HashMap<>(LlmopsServer.environment());
        Path indexDir = LlmopsServer.workDir().resolve("second-instance-index");
        env.put("LLMOPS_KNOWLEDGE_INDEX_DIR", indexDir.toString());
        // the other way of committing a turn's outcome (ChatAcrossInstancesIT reads it back through the first)
        env.put("LLMOPS_CHAT_DURABLE_OUTCOME", "false");
        if (skipReason == null) {
            env.put("LLMOPS_KNOWLEDGE_INDEX", "pgvector");
        }
        Path log = LlmopsServer.workDir().resolve("second-instance.log");
        PayaraServer server = PayaraServer.start(PayaraServer.Layout.fromSystemProperties(), LlmopsServer.freePort(),
                env, log, List.of());
        try {
            server.awaitReady(Duration.ofMinutes(4));
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("the second instance did not start; see " + log, e);
        }
        return new Started(server, log, indexDir, skipReason);
    }

    /** Null when V10 created the pgvector table in the IT database; else why not. */
    private static String pgvectorSkipReason() throws Exception {
        Map<String, String> db = LlmopsServer.baseEnvironment();
        try (Connection c = DriverManager.getConnection(db.get("LLMOPS_DATABASE_URL"), db.get("LLMOPS_DATABASE_USER"),
                db.get("LLMOPS_DATABASE_PASSWORD")); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select to_regclass('pgvector_segment') is not null")) {
            rs.next();
            return rs.getBoolean(1) ? null : "the IT database has no pgvector_segment table: the vector extension is"
                    + " not installed on its PostgreSQL (as root: bash server-config/install-pgvector.sh)";
        }
    }
}
