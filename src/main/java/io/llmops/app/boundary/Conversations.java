package io.llmops.app.boundary;

import io.llmops.app.boundary.ChatDtos.ConversationUpdate;
import io.llmops.app.boundary.ChatDtos.ConversationView;
import io.llmops.app.entity.Conversation;
import io.llmops.app.entity.Message;
import io.llmops.platform.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Managing conversations and messages of any origin (debugger, service API, web app): rename, pin
 * and soft delete. Deleted rows vanish from history, memory and statistics; another workspace's ids
 * (or deleted ones) answer 404.
 */
@ApplicationScoped
@Transactional
public class Conversations {

    @PersistenceContext(unitName = "llmops")
    EntityManager em;

    @Inject
    TurnInputCache cache;

    public ConversationView get(UUID workspaceId, UUID conversationId) {
        return view(require(workspaceId, conversationId));
    }

    public ConversationView update(UUID workspaceId, UUID conversationId, ConversationUpdate update) {
        Conversation conversation = require(workspaceId, conversationId);
        if (update.name() != null) {
            String name = update.name().strip();
            if (name.isEmpty()) {
                throw ApiException.invalidField("name", "must not be blank");
            }
            conversation.rename(name);
        }
        if (update.isPinned() != null) {
            conversation.pin(update.isPinned());
        }
        return view(conversation);
    }

    /** Soft-deletes the conversation and its messages, so they leave history, memory and statistics alike. */
    public void delete(UUID workspaceId, UUID conversationId) {
        Conversation conversation = require(workspaceId, conversationId);
        conversation.delete();
        cache.conversationChanged(conversation);
        em.createQuery("update Message m set m.deletedAt = current_timestamp where m.conversationId = :c "
                        + "and m.workspaceId = :ws and m.deletedAt is null")
                .setParameter("c", conversation.id()).setParameter("ws", workspaceId).executeUpdate();
    }

    public void deleteMessage(UUID workspaceId, UUID messageId) {
        Message message = em.createQuery("select m from Message m where m.id = :id and m.workspaceId = :ws "
                        + "and m.deletedAt is null", Message.class)
                .setParameter("id", messageId).setParameter("ws", workspaceId)
                .getResultList().stream().findFirst().orElseThrow(() -> ApiException.notFound("Message"));
        message.delete();
        cache.conversationChanged(message.conversationId());
    }

    private Conversation require(UUID workspaceId, UUID conversationId) {
        return em.createQuery("select c from Conversation c where c.id = :id and c.workspaceId = :ws "
                        + "and c.deletedAt is null", Conversation.class)
                .setParameter("id", conversationId).setParameter("ws", workspaceId)
                .getResultList().stream().findFirst().orElseThrow(() -> ApiException.notFound("Conversation"));
    }

    static ConversationView view(Conversation c) {
        return new ConversationView(c.id(), c.appId(), c.name(), c.pinned(), c.invokeFrom(), c.createdAt(),
                c.updatedAt());
    }
}
