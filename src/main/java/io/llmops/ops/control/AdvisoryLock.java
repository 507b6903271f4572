package io.llmops.ops.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * PostgreSQL transaction-level advisory locks ({@code pg_try_advisory_xact_lock}): held by the
 * transaction on the connection that took it, released by its commit or rollback.
 * <p>
 * Why not the session-level {@code pg_try_advisory_lock}: the server hands out pooled connections,
 * and a session lock outlives the transaction; an unlock sent on another pooled connection fails
 * silently, and the lock then stays held by an idle pooled connection until that connection closes,
 * blocking every other instance for hours. A transaction lock cannot leak that way, and it is taken
 * on the very connection that does the batch's work.
 */
public final class AdvisoryLock {

    private AdvisoryLock() {
    }

    /** True when this transaction now holds the lock (or already did); false at once when another transaction holds it. */
    public static boolean tryTransactionLock(Connection connection, long key) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("a transaction-level advisory lock needs a transaction: in auto-commit it is released at once");
        }
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
