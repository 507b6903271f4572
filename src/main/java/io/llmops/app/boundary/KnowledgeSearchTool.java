package io.llmops.app.boundary;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.llmops.agent.control.AgentTool;
import io.llmops.app.control.AppConfig;
import io.llmops.knowledge.boundary.Datasets;
import io.llmops.knowledge.boundary.Datasets.Retrieved;
import io.llmops.platform.json.JsonbProvider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The app's knowledge as one tool the model calls ({@code knowledge_search}): the model decides when
 * to search, it works with function calling and ReAct alike, and turns that need no knowledge pay no
 * retrieval latency. One instance per turn: it also collects what it found for
 * {@code message_end.metadata.retriever_resources}.
 */
final class KnowledgeSearchTool implements AgentTool {

    static final String NAME = "knowledge_search";
    static final int EXCERPT = 300;

    /** One segment a turn used, as {@code retriever_resources} lists it. */
    public record RetrieverResource(UUID datasetId, String datasetName, UUID documentId, String documentName,
                                    UUID segmentId, int position, double score, String content) {
    }

    private final Datasets datasets;
    private final UUID workspaceId;
    private final List<UUID> datasetIds;
    private final AppConfig.RetrievalConfig retrieval;
    private final List<RetrieverResource> used = Collections.synchronizedList(new ArrayList<>());

    KnowledgeSearchTool(Datasets datasets, UUID workspaceId, List<UUID> datasetIds, AppConfig.RetrievalConfig retrieval) {
        this.datasets = datasets;
        this.workspaceId = workspaceId;
        this.datasetIds = List.copyOf(datasetIds);
        this.retrieval = retrieval;
    }

    @Override
    public ToolSpecification specification() {
        return ToolSpecification.builder()
                .name(NAME)
                .description("Searches the app's knowledge base and answers the most relevant passages. "
                        + "Use it when the question may be answered by the knowledge base.")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("query", "what to search for, in the words the passages likely use")
                        .required("query")
                        .build())
                .build();
    }

    @Override
    public String execute(String argumentsJson) {
        Arguments args = JsonbProvider.shared().fromJson(argumentsJson == null || argumentsJson.isBlank() ? "{}"
                : argumentsJson, Arguments.class);
        String query = args == null || args.query() == null ? "" : args.query().strip();
        if (query.isEmpty()) {
            return "Give a non-empty query.";
        }
        List<Retrieved> hits = datasets.retrieve(workspaceId, datasetIds, query,
                retrieval.retrievalStrategy() == null ? null : retrieval.retrievalStrategy().name(),
                retrieval.k(), retrieval.score());
        if (hits.isEmpty()) {
            return "No passages found for: " + query;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < hits.size(); i++) {
            Retrieved h = hits.get(i);
            used.add(new RetrieverResource(h.datasetId(), h.datasetName(), h.documentId(), h.documentName(), h.segmentId(),
                    h.position(), h.score(), excerpt(h.content())));
            text.append('[').append(i + 1).append("] ").append(h.documentName() == null ? h.datasetName() : h.documentName())
                    .append('\n').append(h.content()).append("\n\n");
        }
        return text.toString().strip();
    }

    /** What this turn's searches found, in the order they were found. */
    List<Object> resources() {
        synchronized (used) {
            return List.copyOf(used);
        }
    }

    private static String excerpt(String content) {
        return content.length() <= EXCERPT ? content : content.substring(0, EXCERPT);
    }

    public record Arguments(String query) {
    }
}
