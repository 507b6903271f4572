package io.llmops.app.boundary;

import io.llmops.agent.control.AgentThought;
import io.llmops.agent.control.MemoryWindow;
import io.llmops.app.boundary.ChatDtos.MessageView;
import io.llmops.app.boundary.ChatDtos.ThoughtView;
import io.llmops.app.boundary.ChatDtos.Usage;
import io.llmops.app.entity.Conversation;
import io.llmops.app.entity.Message;
import io.llmops.app.entity.MessageAgentThought;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.paging.Page;
import io.llmops.platform.paging.PageQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Conversations and messages in PostgreSQL, each call its own short transaction: a chat turn never
 * holds a transaction open while the model streams.
 */
@ApplicationScoped
@Transactional
public class ChatHistory {

    @PersistenceContext(unitName = "llmops")
    EntityManager em;

    @Inject
    TurnInputCache cache;

    /**
     * The debugger conversation to continue — the one named (must be this app's), else the caller's latest,
     * else a new one — with its last {@code rounds} rounds of memory (see {@link TurnInputCache}).
     */
    public TurnInputCache.ConversationMemory debuggerMemory(UUID workspaceId, UUID appId, UUID accountId, UUID requested,
                                                            int rounds) {
        Conversation conversation = debuggerConversation(workspaceId, appId, accountId, requested);
        List<Message> newestFirst = memoryNewestFirst(conversation.id(), null, rounds);
        return new TurnInputCache.ConversationMemory(conversation, oldestFirst(newestFirst),
                Math.max(0, rounds), newestFirst.isEmpty() ? null : newestFirst.getFirst().createdAt());
    }

    /**
     * The last {@code limit} messages of a conversation that count as memory (not deleted, not failed), asked
     * before {@code before} when given, newest first.
     */
    private List<Message> memoryNewestFirst(UUID conversationId, Instant before, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        var query = em.createQuery("select m from Message m where m.conversationId = :c and m.deletedAt is null "
                        + "and m.status <> 'error'" + (before == null ? "" : " and m.createdAt < :at")
                        + " order by m.createdAt desc", Message.class)
                .setParameter("c", conversationId).setMaxResults(limit);
        if (before != null) {
            query.setParameter("at", before);
        }
        return query.getResultList();
    }

    private static List<MemoryWindow.Round> oldestFirst(List<Message> newestFirst) {
        return newestFirst.reversed().stream().map(m -> new MemoryWindow.Round(m.query(), m.answer())).toList();
    }

    private Conversation debuggerConversation(UUID workspaceId, UUID appId, UUID accountId, UUID requested) {
        if (requested != null) {
            return em.createQuery("select c from Conversation c where c.id = :id and c.workspaceId = :ws "
                            + "and c.appId = :app and c.invokeFrom = :from and c.deletedAt is null", Conversation.class)
                    .setParameter("id", requested).setParameter("ws", workspaceId).setParameter("app", appId)
                    .setParameter("from", Conversation.DEBUGGER)
                    .getResultList().stream().findFirst().orElseThrow(() -> ApiException.notFound("Conversation"));
        }
        return latestDebuggerConversation(workspaceId, appId, accountId).orElseGet(() -> {
            Conversation created = new Conversation(workspaceId, appId, Conversation.DEBUGGER, accountId, null);
            em.persist(created);
            return created;
        });
    }

    /** The conversation's long-term memory (null when none yet). */
    public String summary(UUID conversationId) {
        Conversation conversation = em.find(Conversation.class, conversationId);
        return conversation == null ? null : conversation.summary();
    }

    public void saveSummary(UUID conversationId, String summary) {
        Conversation conversation = em.find(Conversation.class, conversationId);
        if (conversation != null && !conversation.isDeleted()) {
            conversation.summarize(summary);
        }
    }

    /** A message's app and the last rounds of its conversation up to and including it, oldest first. */
    public record MessageContext(UUID appId, UUID conversationId, List<MemoryWindow.Round> rounds) {
    }

    /** The context of a live message of the workspace in a live conversation; empty otherwise. */
    public java.util.Optional<MessageContext> messageContext(UUID workspaceId, UUID messageId, int rounds) {
        return em.createQuery("select m, c.appId from Message m, Conversation c where m.id = :id "
                        + "and m.workspaceId = :ws and c.id = m.conversationId and c.workspaceId = :ws "
                        + "and m.deletedAt is null and c.deletedAt is null", Object[].class)
                .setParameter("id", messageId).setParameter("ws", workspaceId)
                .getResultList().stream().findFirst().map(row -> {
                    Message target = (Message) row[0];
                    List<MemoryWindow.Round> context = new java.util.ArrayList<>(oldestFirst(
                            memoryNewestFirst(target.conversationId(), target.createdAt(), rounds - 1)));
                    context.add(new MemoryWindow.Round(target.query(), target.answer()));
                    return new MessageContext((UUID) row[1], target.conversationId(), context);
                });
    }

    /** The caller's current debug conversation with this app, newest message first. */
    public Page<MessageView> debugMessages(UUID workspaceId, UUID appId, UUID accountId, PageQuery page) {
        return latestDebuggerConversation(workspaceId, appId, accountId)
                .map(conversation -> messages(conversation, page))
                .orElseGet(() -> Page.of(List.of(), page, 0));
    }

    /** Starts a fresh debug conversation: the current ones are soft-deleted. */
    public void resetDebugger(UUID workspaceId, UUID appId, UUID accountId) {
        List<UUID> deleted = em.createQuery("select c.id from Conversation c where c.workspaceId = :ws and c.appId = :app "
                        + "and c.accountId = :account and c.invokeFrom = :from and c.deletedAt is null", UUID.class)
                .setParameter("ws", workspaceId).setParameter("app", appId).setParameter("account", accountId)
                .setParameter("from", Conversation.DEBUGGER).getResultList();
        if (!deleted.isEmpty()) {
            em.createQuery("update Conversation c set c.deletedAt = current_timestamp where c.id in :ids")
                    .setParameter("ids", deleted).executeUpdate();
        }
        cache.debuggerReset(workspaceId, appId, accountId, deleted);
    }

    /** Whether a turn with this task id belongs to the app in this workspace (stop is refused otherwise). */
    public boolean taskBelongsTo(UUID taskId, UUID workspaceId, UUID appId) {
        return !em.createQuery("select m.id from Message m where m.taskId = :task and m.workspaceId = :ws "
                        + "and m.appId = :app", UUID.class)
                .setParameter("task", taskId).setParameter("ws", workspaceId).setParameter("app", appId)
                .setMaxResults(1).getResultList().isEmpty();
    }

    private java.util.Optional<Conversation> latestDebuggerConversation(UUID workspaceId, UUID appId, UUID accountId) {
        return em.createQuery("select c from Conversation c where c.workspaceId = :ws and c.appId = :app "
                        + "and c.accountId = :account and c.invokeFrom = :from and c.deletedAt is null "
                        + "order by c.createdAt desc", Conversation.class)
                .setParameter("ws", workspaceId).setParameter("app", appId).setParameter("account", accountId)
                .setParameter("from", Conversation.DEBUGGER).setMaxResults(1).getResultList().stream().findFirst();
    }

    private Page<MessageView> messages(Conversation conversation, PageQuery page) {
        UUID conversationId = conversation.id();
        List<Message> items = em.createQuery("select m from Message m where m.conversationId = :c "
                        + "and m.deletedAt is null order by m.createdAt desc", Message.class)
                .setParameter("c", conversationId).setFirstResult(page.offset()).setMaxResults(page.pageSize())
                .getResultList();
        long total = em.createQuery("select count(m) from Message m where m.conversationId = :c and m.deletedAt is null",
                Long.class).setParameter("c", conversationId).getSingleResult();
        Map<UUID, List<ThoughtView>> thoughts = items.isEmpty() ? Map.of() : em.createQuery(
                        "select t, t.messageId from MessageAgentThought t where t.messageId in :ids order by t.position",
                        Object[].class)
                .setParameter("ids", items.stream().map(Message::id).toList())
                .getResultList().stream()
                .collect(Collectors.groupingBy(row -> (UUID) row[1], Collectors.mapping(row -> {
                    MessageAgentThought t = (MessageAgentThought) row[0];
                    return new ThoughtView(t.id(), t.position(), t.thought(), t.tool(), t.toolInput(), t.observation(),
                            t.latencyMillis());
                }, Collectors.toList())));
        return Page.of(items.stream().map(m -> new MessageView(m.id(), m.conversationId(), conversation.name(), m.taskId(), m.query(),
                m.answer(), m.status(), m.error(), usage(m), thoughts.getOrDefault(m.id(), List.of()), m.createdAt()))
                .toList(), page, total);
    }

    static Usage usage(Message m) {
        return new Usage(m.promptTokens(), m.completionTokens(), m.promptTokens() + m.completionTokens(),
                m.totalPrice(), m.currency(), m.latencyMillis() / 1000.0);
    }
}
