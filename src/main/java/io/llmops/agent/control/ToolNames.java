package io.llmops.agent.control;

import dev.langchain4j.agent.tool.ToolSpecification;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gives every tool of a turn a name models accept and that no other tool of the turn has.
 * Providers name tools independently (two providers may both offer {@code search}; an OpenAPI
 * operationId may contain dots or slashes), while OpenAI-style function calling needs
 * {@code ^[a-zA-Z0-9_-]{1,64}$} and maps calls back by name.
 */
public final class ToolNames {

    static final int MAX_LENGTH = 64;

    private ToolNames() {
    }

    public static List<AgentTool> uniquelyNamed(List<AgentTool> tools) {
        Set<String> taken = new HashSet<>();
        List<AgentTool> named = new ArrayList<>(tools.size());
        for (AgentTool tool : tools) {
            String wanted = valid(tool.name());
            String name = wanted;
            for (int n = 2; !taken.add(name); n++) {
                String suffix = "_" + n;
                name = wanted.substring(0, Math.min(wanted.length(), MAX_LENGTH - suffix.length())) + suffix;
            }
            named.add(name.equals(tool.name()) ? tool : renamed(tool, name));
        }
        return named;
    }

    static String valid(String name) {
        String cleaned = name == null ? "" : name.replaceAll("[^a-zA-Z0-9_-]", "_");
        if (cleaned.isEmpty()) {
            cleaned = "tool";
        }
        return cleaned.length() > MAX_LENGTH ? cleaned.substring(0, MAX_LENGTH) : cleaned;
    }

    private static AgentTool renamed(AgentTool tool, String name) {
        ToolSpecification original = tool.specification();
        ToolSpecification specification = ToolSpecification.builder()
                .name(name)
                .description(original.description())
                .parameters(original.parameters())
                .metadata(original.metadata())
                .build();
        return new AgentTool() {
            @Override
            public ToolSpecification specification() {
                return specification;
            }

            @Override
            public String execute(String argumentsJson) throws Exception {
                return tool.execute(argumentsJson);
            }
        };
    }
}
