package io.llmops.app.boundary;

import io.llmops.agent.control.AgentThought;
import io.llmops.app.control.ConversationNames;
import io.llmops.app.entity.Message;
import io.llmops.platform.persistence.LocalTransactions;
import io.llmops.platform.persistence.Timestamps;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The two writes of every chat turn, in plain JDBC so each is one round trip to PostgreSQL: the message
 * row with its conversation's name and activity (one statement, atomic on its own), and the outcome (one
 * UPDATE, plus the agent thoughts in the same local transaction when there are any). They sit beside the
 * model request and between the last token and message_end; through JTA and Hibernate each cost a
 * second round trip (the commit) and ~1 ms more (bench/README.md, "Chat turn overhead"). Called outside
 * any container transaction.
 * <p>
 * With {@code llmops.chat.durable-outcome=false} the outcome is committed with PostgreSQL's
 * {@code synchronous_commit = off}: visible to every reader at once, but message_end no longer waits for
 * the WAL to reach the disk (one fsync, ~3 ms on the benchmark machine). A database crash within about
 * 0.6 s after such a commit loses that outcome (answer, status, usage); the message row with its query
 * was stored durably when the turn started.
 */
@ApplicationScoped
public class MessageRows {

    private static final String INSERT = """
            with stored as (
                insert into message (id, workspace_id, app_id, conversation_id, task_id, query, answer, status,
                                     provider, model, total_price, created_at)
                values (?, ?, ?, ?, ?, ?, '', ?, ?, ?, 0, ?)
                returning conversation_id)
            update conversation set updated_at = ?,
                   name = case when name = '' and ? <> '' then ? else name end
            where id = (select conversation_id from stored)""";

    private static final String FINISH = """
            update message set status = ?, answer = ?, error = ?, prompt_tokens = ?, completion_tokens = ?,
                   total_price = ?, currency = ?, latency_ms = ?, first_token_ms = ?
            where id = ?""";

    private static final String THOUGHT = """
            insert into message_agent_thought (id, workspace_id, message_id, position, thought, tool, tool_input,
                                               observation, failed, latency_ms, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String ASYNC_COMMIT = "set local synchronous_commit to off";

    @Resource(lookup = "jdbc/llmops")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "llmops.chat.durable-outcome", defaultValue = "true")
    boolean durableOutcome;

    /** Stores a turn's message; a conversation without a name is named after its first query. */
    public void insert(Message message) {
        String name = ConversationNames.fromQuery(message.query());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int i = 0;
            insert.setObject(++i, message.id());
            insert.setObject(++i, message.workspaceId());
            insert.setObject(++i, message.appId());
            insert.setObject(++i, message.conversationId());
            insert.setObject(++i, message.taskId());
            insert.setString(++i, message.query());
            insert.setString(++i, message.status());
            insert.setString(++i, message.provider());
            insert.setString(++i, message.model());
            insert.setObject(++i, at(message.createdAt()));
            insert.setObject(++i, at(Timestamps.now()));
            insert.setString(++i, name == null ? "" : name);
            insert.setString(++i, name == null ? "" : name);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("message " + message.id() + " not stored: " + e.getMessage(), e);
        }
    }

    /** Saves the outcome {@link Message#finished} recorded on the message, with the turn's agent thoughts. */
    public void finish(Message message, List<AgentThought> thoughts) {
        try (Connection connection = dataSource.getConnection()) {
            if (durableOutcome && thoughts.isEmpty()) {
                update(connection, message);   // one statement: no transaction round trips around it
            } else {
                LocalTransactions.run(connection, c -> {
                    if (!durableOutcome) {
                        try (Statement asynchronous = c.createStatement()) {
                            asynchronous.execute(ASYNC_COMMIT);
                        }
                    }
                    update(c, message);
                    if (!thoughts.isEmpty()) {
                        insertThoughts(c, message, thoughts);
                    }
                    return null;
                });
            }
        } catch (SQLException e) {
            throw new IllegalStateException("outcome of message " + message.id() + " not stored: " + e.getMessage(), e);
        }
    }

    private static void update(Connection connection, Message message) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(FINISH)) {
            int i = 0;
            update.setString(++i, message.status());
            update.setString(++i, message.answer());
            update.setString(++i, message.error());
            update.setInt(++i, message.promptTokens());
            update.setInt(++i, message.completionTokens());
            update.setBigDecimal(++i, message.totalPrice());
            update.setString(++i, message.currency());
            update.setLong(++i, message.latencyMillis());
            if (message.firstTokenMillis() == null) {
                update.setNull(++i, Types.BIGINT);
            } else {
                update.setLong(++i, message.firstTokenMillis());
            }
            update.setObject(++i, message.id());
            update.executeUpdate();
        }
    }

    private static void insertThoughts(Connection connection, Message message, List<AgentThought> thoughts)
            throws SQLException {
        OffsetDateTime now = at(Timestamps.now());
        try (PreparedStatement insert = connection.prepareStatement(THOUGHT)) {
            for (AgentThought thought : thoughts) {
                int i = 0;
                insert.setObject(++i, UUID.randomUUID());
                insert.setObject(++i, message.workspaceId());
                insert.setObject(++i, message.id());
                insert.setInt(++i, thought.position());
                insert.setString(++i, nullToEmpty(thought.thought()));
                insert.setString(++i, thought.tool());
                insert.setString(++i, nullToEmpty(thought.toolInput()));
                insert.setString(++i, nullToEmpty(thought.observation()));
                insert.setBoolean(++i, thought.failed());
                insert.setLong(++i, thought.latencyMillis());
                insert.setObject(++i, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
