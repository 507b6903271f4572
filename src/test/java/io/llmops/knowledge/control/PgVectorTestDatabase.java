package io.llmops.knowledge.control;

import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throwaway PostgreSQL database with pgvector and V10's table, for the tests of the pgvector index;
 * or the reason there can be none (no PostgreSQL, no pgvector), for a JUnit assumption. Connection:
 * LLMOPS_IT_DATABASE_ADMIN_URL, LLMOPS_IT_DATABASE_USER, LLMOPS_IT_DATABASE_PASSWORD as for the ITs
 * (default postgres on 127.0.0.1:5432).
 */
public final class PgVectorTestDatabase implements AutoCloseable {

    static final String ADMIN_URL = env("LLMOPS_IT_DATABASE_ADMIN_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = env("LLMOPS_IT_DATABASE_USER", "postgres");
    static final String PASSWORD = env("LLMOPS_IT_DATABASE_PASSWORD", "");

    private final String name;
    private final String skipReason;

    private PgVectorTestDatabase(String name, String skipReason) {
        this.name = name;
        this.skipReason = skipReason;
    }

    /** Creates the database (as a superuser: creates the extension, then runs V10), or says why not. */
    public static PgVectorTestDatabase create() throws SQLException, IOException {
        String name;
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
             Statement st = admin.createStatement()) {
            try (ResultSet rs = st.executeQuery("select count(*) from pg_available_extensions where name = 'vector'")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return new PgVectorTestDatabase(null, "the pgvector extension is not installed on the PostgreSQL at "
                            + ADMIN_URL + " (as root: bash server-config/install-pgvector.sh)");
                }
            }
            name = "llmops_pgvector_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            st.execute("create database " + name);
        } catch (SQLException e) {
            return new PgVectorTestDatabase(null, "no PostgreSQL reachable at " + ADMIN_URL + " as " + USER + ": " + e.getMessage());
        }
        PgVectorTestDatabase db = new PgVectorTestDatabase(name, null);
        String v10;
        try (InputStream in = PgVectorSegmentIndex.class.getResourceAsStream("/db/migration/V10__pgvector_segment_index.sql")) {
            v10 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("create extension vector");
            st.execute(v10);
        }
        return db;
    }

    /** Null when the database exists; else why the pgvector tests are skipped. */
    public String skipReason() {
        return skipReason;
    }

    public PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(ADMIN_URL.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name));
        ds.setUser(USER);
        ds.setPassword(PASSWORD);
        return ds;
    }

    public void truncate() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("truncate pgvector_segment");
        }
    }

    @Override
    public void close() throws SQLException {
        if (name != null) {
            try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
                 Statement st = admin.createStatement()) {
                st.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
