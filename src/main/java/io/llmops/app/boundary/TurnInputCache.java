package io.llmops.app.boundary;

import io.llmops.agent.control.MemoryWindow;
import io.llmops.app.control.AppConfig;
import io.llmops.app.entity.Conversation;
import io.llmops.app.entity.Message;
import io.llmops.platform.cache.CacheInvalidations;
import io.llmops.platform.cache.ClusterCache;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a debug-chat turn reads before its model can be asked, kept in memory per instance so that a turn
 * whose inputs did not change needs no database round trip before the first byte to the model: the
 * app's draft config, the caller's current debug conversation, and that conversation's last rounds.
 * Every write that changes them invalidates them on all instances ({@link ClusterCache}): config edits,
 * app deletion, conversation reset or deletion, message deletion, the clean-up. A finished turn adds its
 * round here and drops the conversation on the other instances.
 */
@ApplicationScoped
public class TurnInputCache {

    @Inject
    CacheInvalidations invalidations;

    /** An app's draft config and the workspace it belongs to. */
    record Draft(UUID workspaceId, AppConfig config) {
    }

    /**
     * A conversation and its newest rounds that count as memory (oldest first; at most {@code kept}, the
     * dialog_round they were read for), and when the newest of them was asked.
     */
    public record ConversationMemory(Conversation conversation, List<MemoryWindow.Round> rounds, int kept,
                                     Instant newest) {

        /** The last {@code limit} rounds (limit ≤ kept). */
        public List<MemoryWindow.Round> rounds(int limit) {
            return limit <= 0 ? List.of() : rounds.subList(Math.max(0, rounds.size() - limit), rounds.size());
        }

        ConversationMemory with(Message finished) {
            if (kept <= 0) {
                return this;
            }
            List<MemoryWindow.Round> grown = new ArrayList<>(rounds);
            grown.add(new MemoryWindow.Round(finished.query(), finished.answer()));
            return new ConversationMemory(conversation,
                    List.copyOf(grown.subList(Math.max(0, grown.size() - kept), grown.size())), kept, finished.createdAt());
        }

        boolean belongsTo(UUID workspaceId, UUID appId) {
            return conversation.workspaceId().equals(workspaceId) && conversation.appId().equals(appId)
                    && Conversation.DEBUGGER.equals(conversation.invokeFrom());
        }
    }

    private ClusterCache<Draft> drafts;
    private ClusterCache<UUID> currentDebuggerConversations;
    private ClusterCache<ConversationMemory> conversations;

    @PostConstruct
    void init() {
        drafts = invalidations.cache("app-draft-config");
        currentDebuggerConversations = invalidations.cache("debugger-conversation");
        conversations = invalidations.cache("conversation-memory");
    }

    /** The app's draft config: from memory, else {@code load} (which refuses apps of other workspaces). */
    public AppConfig draft(UUID workspaceId, UUID appId, Supplier<AppConfig> load) {
        Draft cached = drafts.getIfPresent(appId.toString());
        if (cached != null && cached.workspaceId().equals(workspaceId)) {
            return cached.config();
        }
        long ticket = drafts.ticket();
        AppConfig loaded = load.get();
        drafts.put(appId.toString(), new Draft(workspaceId, loaded), ticket);
        return loaded;
    }

    /**
     * The debug conversation a turn continues (the one requested, else the caller's current one) with at
     * least {@code rounds} rounds of memory: from memory, else {@code load} (after its transaction ended).
     */
    public ConversationMemory conversation(UUID workspaceId, UUID appId, UUID accountId, UUID requested, int rounds,
                                           Supplier<ConversationMemory> load) {
        String current = currentKey(workspaceId, appId, accountId);
        UUID id = requested != null ? requested : currentDebuggerConversations.getIfPresent(current);
        if (id != null) {
            ConversationMemory cached = conversations.getIfPresent(id.toString());
            if (cached != null && cached.belongsTo(workspaceId, appId) && cached.kept() >= rounds) {
                return cached;
            }
        }
        long currentTicket = currentDebuggerConversations.ticket();
        long memoryTicket = conversations.ticket();
        ConversationMemory loaded = load.get();
        String loadedId = loaded.conversation().id().toString();
        if (requested == null) {
            currentDebuggerConversations.put(current, loaded.conversation().id(), currentTicket);
        }
        conversations.put(loadedId, loaded, memoryTicket);
        return loaded;
    }

    /** A turn's outcome is stored: its round joins the memory here; other instances read it again. */
    public void turnFinished(Message message) {
        String key = message.conversationId().toString();
        if (Message.Status.error.name().equals(message.status())) {
            return;   // failed turns are no memory
        }
        conversations.update(key, memory -> memory.newest() == null || message.createdAt().isAfter(memory.newest())
                ? memory.with(message) : null);   // a turn that overtook another: read again next time
        conversations.invalidateElsewhere(key);
    }

    public void draftChanged(UUID appId) {
        drafts.invalidate(appId.toString());
    }

    /** A conversation was deleted, or a turn's message could not be stored in it: read it again. */
    public void conversationChanged(Conversation conversation) {
        conversations.invalidate(conversation.id().toString());
        if (Conversation.DEBUGGER.equals(conversation.invokeFrom()) && conversation.accountId() != null) {
            currentDebuggerConversations.invalidate(currentKey(conversation.workspaceId(), conversation.appId(),
                    conversation.accountId()));
        }
    }

    /** One of the conversation's messages was deleted, or the clean-up removed it: read it again. */
    public void conversationChanged(UUID conversationId) {
        conversations.invalidate(conversationId.toString());
    }

    /** The caller's debug conversations with the app were reset: {@code ids} are the ones deleted. */
    public void debuggerReset(UUID workspaceId, UUID appId, UUID accountId, Collection<UUID> ids) {
        currentDebuggerConversations.invalidate(currentKey(workspaceId, appId, accountId));
        ids.forEach(this::conversationChanged);
    }

    private static String currentKey(UUID workspaceId, UUID appId, UUID accountId) {
        return workspaceId + ":" + appId + ":" + accountId;
    }
}
