package io.llmops.app.entity;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationTest {

    private final Conversation conversation = new Conversation(UUID.randomUUID(), UUID.randomUUID(),
            Conversation.DEBUGGER, UUID.randomUUID(), null);

    @Test
    void unnamedConversationTakesTheFirstName() {
        assertThat(conversation.nameIfUnnamed("Trip to Lisbon")).isTrue();
        assertThat(conversation.nameIfUnnamed("Something else")).isFalse();
        assertThat(conversation.name()).isEqualTo("Trip to Lisbon");
    }

    @Test
    void nameTheUserGaveIsKept() {
        conversation.rename("Mine");
        assertThat(conversation.nameIfUnnamed("Trip to Lisbon")).isFalse();
        assertThat(conversation.name()).isEqualTo("Mine");
    }

    @Test
    void pinAndUnpin() {
        assertThat(conversation.pinned()).isFalse();
        conversation.pin(true);
        assertThat(conversation.pinned()).isTrue();
        conversation.pin(false);
        assertThat(conversation.pinned()).isFalse();
    }
}
