package io.llmops.app.boundary;

import io.llmops.agent.control.SuggestedQuestions;
import io.llmops.app.control.AppConfig;
import io.llmops.model.boundary.Models;
import io.llmops.platform.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/**
 * Follow-up questions after an answer, from the message's app model (draft config). Not
 * transactional: the model call must not hold a database transaction open.
 */
@ApplicationScoped
public class Suggestions {

    /** Rounds of the conversation the model reads: the message's and the two before it. */
    static final int CONTEXT_ROUNDS = 3;

    @Inject
    ChatHistory history;

    @Inject
    AppConfigs configs;

    @Inject
    Models models;

    public List<String> forMessage(UUID workspaceId, UUID messageId) {
        ChatHistory.MessageContext context = history.messageContext(workspaceId, messageId, CONTEXT_ROUNDS)
                .orElseThrow(() -> ApiException.notFound("Message"));
        AppConfig config = configs.draft(workspaceId, context.appId());
        if (!config.suggestedAfterAnswer().enable()) {
            throw ApiException.badRequest("suggested_questions_disabled",
                    "Suggested questions are off for this app (suggested_after_answer.enable)");
        }
        if (!config.hasModel()) {
            throw ApiException.badRequest("app_not_configured", "Choose a model in the app's draft config first");
        }
        AppConfig.ModelConfig mc = config.modelConfig();
        return new SuggestedQuestions(models.chatModel(workspaceId, mc.provider(), mc.model(), mc.parameters()))
                .suggest(context.rounds());
    }
}
