package io.llmops.agent.control;

import dev.langchain4j.agent.tool.ToolSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ToolNamesTest {

    private static AgentTool tool(String name, String answer) {
        return new AgentTool() {
            @Override
            public ToolSpecification specification() {
                return ToolSpecification.builder().name(name).description("answers " + answer).build();
            }

            @Override
            public String execute(String argumentsJson) {
                return answer;
            }
        };
    }

    @Test
    void namesModelsAcceptAreKept() {
        AgentTool time = tool("current_time", "now");

        assertThat(ToolNames.uniquelyNamed(List.of(time))).containsExactly(time);
    }

    @Test
    void twoProvidersOfferingTheSameNameStayDistinguishableAndRunTheirOwnTool() throws Exception {
        List<AgentTool> named = ToolNames.uniquelyNamed(List.of(tool("search", "ddg"), tool("search", "wiki")));

        assertThat(named).extracting(AgentTool::name).containsExactly("search", "search_2");
        assertThat(named.get(1).execute("{}")).isEqualTo("wiki");
        assertThat(named.get(1).specification().description()).isEqualTo("answers wiki");
    }

    @Test
    void characterFunctionCallingRefusesAreReplacedAndLongNamesCut() {
        List<AgentTool> named = ToolNames.uniquelyNamed(List.of(tool("pets.find/byId", "a"), tool("x".repeat(80), "b"),
                tool("x".repeat(70), "c")));

        assertThat(named.get(0).name()).isEqualTo("pets_find_byId");
        assertThat(named.get(1).name()).hasSize(64);
        assertThat(named.get(2).name()).hasSize(64).endsWith("_2");
    }

    @Test
    void requestsCarryUniquelyNamedTools() {
        AgentRequest request = new AgentRequest("", List.of(), "q", List.of(tool("search", "a"), tool("search", "b")),
                3, null, null);

        assertThat(request.tools()).extracting(AgentTool::name).containsExactly("search", "search_2");
    }
}
