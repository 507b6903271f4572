package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Reply;
import io.llmops.testing.FakeOpenAiServer;
import io.llmops.testing.FakeUpstreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.llmops.testing.FakeOpenAiServer.Reply.stream;
import static io.llmops.testing.FakeUpstreams.JSON;
import static io.llmops.testing.FakeUpstreams.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4's "done when" as a builder does it through HTTP: import an OpenAPI spec, try its tool,
 * attach it and a built-in tool to an app, and watch the agent call both in one streamed turn.
 */
class AgentToolsIT extends FakeModelAppIT {

    private static final String ORDERS_SPEC = """
            openapi: 3.0.3
            info: {title: Orders, version: "1"}
            servers:
              - url: %s/orders-api
            paths:
              /orders/{orderId}:
                get:
                  operationId: getOrder
                  summary: Look up an order by its number
                  parameters:
                    - {name: orderId, in: path, required: true, schema: {type: string}, description: the order number}
                  responses:
                    "200": {description: the order}
            """;

    private String ordersProviderId;

    @BeforeEach
    void appAndOrdersApi() {
        newAppWithModel("Shop bot", "{\"model_config\":{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\"},"
                + "\"preset_prompt\":\"You help shoppers.\"}");
        Reply imported = api.post("/api/api-tools", session.accessToken(), Map.of("name", "Orders",
                "openapi_schema", ORDERS_SPEC.formatted(LlmopsServer.upstreams().baseUrl()),
                "auth", Map.of("type", "api_key_header", "name", "X-Api-Key", "value", "orders-key-0123456789")));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        ordersProviderId = imported.json().path("id").asText();
        LlmopsServer.upstreams().respond("/orders-api/orders/", 200, JSON,
                "{\"order\":\"A-17\",\"status\":\"shipped\",\"carrier\":\"DHL\"}");
    }

    @Test
    void tryingAnImportedToolCallsTheApiWithItsCredentials() {
        Reply reply = api.post("/api/tools/test", session.accessToken(), Map.of("type", "api", "provider", ordersProviderId,
                "tool", "getOrder", "params", Map.of("orderId", "A-17")));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("result").asText()).contains("shipped");
        FakeUpstreams.Request seen = LlmopsServer.upstreams().lastRequest("/orders-api/orders/");
        assertThat(seen.path()).isEqualTo("/orders-api/orders/A-17");
        assertThat(seen.header("x-api-key")).isEqualTo("orders-key-0123456789");
    }

    @Test
    void theAgentCallsABuiltinAndAnApiToolInOneTurnAndAnswersFromBothObservations() {
        LlmopsServer.upstreams()
                .respond("/wikipedia/en/w/api.php", 200, JSON, resource("upstreams/wikipedia-search.json"))
                .respond("/wikipedia/en/api/rest_v1/page/summary/", 200, JSON, resource("upstreams/wikipedia-summary.json"));
        Reply configured = api.patch("/api/apps/" + appId + "/draft-config", session.accessToken(),
                "{\"tools\":[{\"type\":\"builtin\",\"provider\":\"wikipedia\",\"tool\":\"search\"},"
                        + "{\"type\":\"api\",\"provider_id\":\"" + ordersProviderId + "\",\"tool\":\"getOrder\"}]}");
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        fake.enqueue(FakeOpenAiServer.Reply.toolCall("getOrder", "{\"orderId\":\"A-17\"}"),
                FakeOpenAiServer.Reply.toolCall("wikipedia_search", "{\"query\":\"alan turing\"}"),
                stream("Your order A-17 has shipped with DHL; ", "the book is about Alan Turing."));

        List<JsonNode> events = chat("Where is my order A-17, and who is the book about?");

        List<JsonNode> thoughts = events.stream().filter(e -> e.path("event").asText().equals("agent_thought")
                && !e.path("observation").asText().isEmpty()).toList();
        assertThat(thoughts).extracting(t -> t.path("tool").asText()).containsExactly("getOrder", "wikipedia_search");
        assertThat(thoughts.get(0).path("observation").asText()).contains("\"status\":\"shipped\"");
        assertThat(thoughts.get(1).path("observation").asText()).contains("English mathematician");
        String answer = events.stream().filter(e -> e.path("event").asText().equals("message"))
                .map(e -> e.path("answer").asText()).reduce("", String::concat);
        assertThat(answer).isEqualTo("Your order A-17 has shipped with DHL; the book is about Alan Turing.");
        assertThat(events.getLast().path("event").asText()).isEqualTo("message_end");

        // the model answered having read both observations
        String lastPrompt = fake.lastRequest().json().path("messages").toString();
        assertThat(lastPrompt).contains("shipped").contains("Alan Mathison Turing");
        // and the model was offered both tools with their typed parameters
        JsonNode offered = fake.chatRequests().getFirst().json().path("tools");
        assertThat(offered.findValuesAsText("name")).contains("wikipedia_search", "getOrder");
    }

    @Test
    void anAppCannotAttachAToolThatDoesNotExist() {
        Reply reply = api.patch("/api/apps/" + appId + "/draft-config", session.accessToken(),
                "{\"tools\":[{\"type\":\"builtin\",\"provider\":\"wikipedia\",\"tool\":\"teleport\"}]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("tools");
    }
}
