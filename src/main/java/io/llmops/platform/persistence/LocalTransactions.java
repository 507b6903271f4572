package io.llmops.platform.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Several JDBC statements as one local transaction on a connection taken outside any container
 * transaction (such a connection is in auto-commit mode): committed when the work returns, rolled back
 * when it throws, and back in auto-commit mode afterwards, whichever happened. A connection that is
 * already in a transaction (enlisted in a container one) is left to its owner.
 */
public final class LocalTransactions {

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private LocalTransactions() {
    }

    public static <T> T run(Connection connection, Work<T> work) throws SQLException {
        boolean own = connection.getAutoCommit();
        if (own) {
            connection.setAutoCommit(false);
        }
        try {
            T result = work.run(connection);
            if (own) {
                connection.commit();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            if (own) {
                connection.rollback();
            }
            throw e;
        } finally {
            if (own) {
                connection.setAutoCommit(true);
            }
        }
    }
}
