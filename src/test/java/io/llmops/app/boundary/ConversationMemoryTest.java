package io.llmops.app.boundary;

import io.llmops.agent.control.MemoryWindow.Round;
import io.llmops.app.boundary.TurnInputCache.ConversationMemory;
import io.llmops.app.entity.Conversation;
import io.llmops.app.entity.Message;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationMemoryTest {

    private final Conversation conversation = new Conversation(UUID.randomUUID(), UUID.randomUUID(),
            Conversation.DEBUGGER, UUID.randomUUID(), null);

    private Message finished(String query, String answer) {
        Message message = new Message(UUID.randomUUID(), UUID.randomUUID(), conversation, query, "openai", "gpt-4o-mini");
        message.finished(Message.Status.normal, answer, null, 1, 1, BigDecimal.ZERO, null, 5, 1L);
        return message;
    }

    @Test
    void aFinishedTurnJoinsTheMemoryAndTheOldestRoundLeavesPastTheDialogRounds() {
        ConversationMemory memory = new ConversationMemory(conversation,
                List.of(new Round("q1", "a1"), new Round("q2", "a2")), 2, null);

        ConversationMemory grown = memory.with(finished("q3", "a3"));

        assertThat(grown.rounds(2)).containsExactly(new Round("q2", "a2"), new Round("q3", "a3"));
        assertThat(grown.rounds(1)).containsExactly(new Round("q3", "a3"));
        assertThat(grown.rounds(0)).isEmpty();
    }

    @Test
    void memoryReadForNoRoundsStaysEmpty() {
        ConversationMemory memory = new ConversationMemory(conversation, List.of(), 0, null);

        assertThat(memory.with(finished("q", "a")).rounds(0)).isEmpty();
    }

    @Test
    void belongsOnlyToItsWorkspaceAndApp() {
        ConversationMemory memory = new ConversationMemory(conversation, List.of(), 0, null);

        assertThat(memory.belongsTo(conversation.workspaceId(), conversation.appId())).isTrue();
        assertThat(memory.belongsTo(UUID.randomUUID(), conversation.appId())).isFalse();
        assertThat(memory.belongsTo(conversation.workspaceId(), UUID.randomUUID())).isFalse();
    }
}
