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
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * What a chat turn reads before the model can be asked: the draft config, the model with the
 * workspace's credentials, the conversation and its recent rounds. One transaction for all of it
 * (the facades join it), so the path to the first token takes one pooled connection and one commit
 * instead of one per facade.
 */
@ApplicationScoped
@Transactional
public class ChatTurnInputs {

    @Inject
    AppConfigs configs;

    @Inject
    Models models;

    @Inject
    ChatHistory history;

    public record Inputs(AppConfig config, ModelSpec spec, StreamingChatModel model, Conversation conversation,
                         List<MemoryWindow.Round> rounds) {
    }

    public Inputs load(UUID workspaceId, UUID accountId, UUID appId, UUID requestedConversation) {
        AppConfig config = configs.draft(workspaceId, appId);
        if (!config.hasModel()) {
            throw ApiException.badRequest("app_not_configured", "Choose a model in the app's draft config first");
        }
        AppConfig.ModelConfig modelConfig = config.modelConfig();
        ModelSpec spec = models.model(modelConfig.provider(), modelConfig.model());
        StreamingChatModel model = models.streamingChatModel(workspaceId, modelConfig.provider(), modelConfig.model(),
                modelConfig.parameters());
        Conversation conversation = history.debuggerConversation(workspaceId, appId, accountId, requestedConversation);
        return new Inputs(config, spec, model, conversation, history.recentRounds(conversation.id(), config.dialogRound()));
    }
}
