package io.llmops.app.boundary;

import dev.langchain4j.model.chat.StreamingChatModel;
import io.llmops.agent.control.MemoryWindow;
import io.llmops.app.control.AppConfig;
import io.llmops.app.entity.Conversation;
import io.llmops.model.boundary.Models;
import io.llmops.model.control.ModelSpec;
import io.llmops.platform.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/**
 * What a chat turn reads before the model can be asked: the draft config, the model with the
 * workspace's credentials, the conversation and its recent rounds. Each comes from this instance's
 * memory while it is unchanged ({@link TurnInputCache}, and {@link Models} for credentials), so a
 * turn usually asks its model without a database round trip; what is missing is read in its own
 * short transaction.
 */
@ApplicationScoped
public class ChatTurnInputs {

    @Inject
    AppConfigs configs;

    @Inject
    Models models;

    @Inject
    ChatHistory history;

    @Inject
    TurnInputCache cache;

    public record Inputs(AppConfig config, ModelSpec spec, StreamingChatModel model, Conversation conversation,
                         List<MemoryWindow.Round> rounds) {
    }

    public Inputs load(UUID workspaceId, UUID accountId, UUID appId, UUID requestedConversation) {
        AppConfig config = cache.draft(workspaceId, appId, () -> configs.draft(workspaceId, appId));
        if (!config.hasModel()) {
            throw ApiException.badRequest("app_not_configured", "Choose a model in the app's draft config first");
        }
        AppConfig.ModelConfig modelConfig = config.modelConfig();
        ModelSpec spec = models.model(modelConfig.provider(), modelConfig.model());
        StreamingChatModel model = models.streamingChatModel(workspaceId, modelConfig.provider(), modelConfig.model(),
                modelConfig.parameters());
        int rounds = config.dialogRound();
        TurnInputCache.ConversationMemory memory = cache.conversation(workspaceId, appId, accountId,
                requestedConversation, rounds,
                () -> history.debuggerMemory(workspaceId, appId, accountId, requestedConversation, rounds));
        return new Inputs(config, spec, model, memory.conversation(), memory.rounds(rounds));
    }
}
