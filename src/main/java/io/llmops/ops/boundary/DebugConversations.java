package io.llmops.ops.boundary;

import io.llmops.app.boundary.TurnInputCache;
import io.llmops.ops.control.CleanupStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Debug-chat conversations ({@code invoke_from = 'debugger'}) with no activity (their {@code updated_at},
 * moved by every turn) for longer than the retention: their agent thoughts and messages in batches, then the
 * conversations. Conversations of published apps (service API, web app) are never touched.
 */
@ApplicationScoped
class DebugConversations {

    private static final String DUE = "c.invoke_from = 'debugger' and c.updated_at < ?";

    @Inject
    TurnInputCache turnInputs;

    List<CleanupStep> steps(Instant now, Duration retention) {
        OffsetDateTime cutoff = Sql.at(now.minus(retention));
        return List.of(
                (connection, batchSize, counts) -> {
                    List<UUID> messages;
                    try (PreparedStatement due = connection.prepareStatement("select m.id from message m "
                            + "join conversation c on c.id = m.conversation_id where " + DUE
                            + " limit ? for update of m skip locked")) {
                        due.setObject(1, cutoff);
                        due.setInt(2, batchSize);
                        messages = Sql.ids(due);
                    }
                    counts.add("agent_thoughts", Sql.updateIds(connection,
                            "delete from message_agent_thought where message_id = any(?)", messages));
                    counts.add("messages", Sql.updateIds(connection, "delete from message where id = any(?)", messages));
                    return messages.size();
                },
                (connection, batchSize, counts) -> {
                    List<UUID> conversations;
                    try (PreparedStatement due = connection.prepareStatement("select c.id from conversation c where " + DUE
                            + " limit ? for update skip locked")) {
                        due.setObject(1, cutoff);
                        due.setInt(2, batchSize);
                        conversations = Sql.ids(due);
                    }
                    counts.add("conversations", Sql.updateIds(connection, "delete from conversation where id = any(?)", conversations));
                    conversations.forEach(turnInputs::conversationChanged);   // after this batch commits
                    return conversations.size();
                });
    }
}
