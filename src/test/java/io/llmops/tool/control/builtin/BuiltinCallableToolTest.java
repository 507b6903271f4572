package io.llmops.tool.control.builtin;

import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import io.llmops.platform.error.FieldError;
import io.llmops.tool.control.CallableTool;
import io.llmops.tool.control.ToolException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuiltinCallableToolTest {

    private final AtomicReference<ToolArguments> seen = new AtomicReference<>();
    private final BuiltinTool recorder = (arguments, credentials) -> {
        seen.set(arguments);
        return "ok";
    };

    @Test
    void specificationIsTypedFromTheCatalogue() {
        CallableTool tool = Builtins.bind("dalle", "dalle3", recorder, Map.of("api_key", "k"));

        var spec = tool.specification();

        assertThat(spec.name()).isEqualTo("dalle3");
        assertThat(spec.parameters().required()).containsExactly("prompt");
        assertThat(spec.parameters().properties().get("size")).isInstanceOfSatisfying(JsonEnumSchema.class,
                e -> assertThat(e.enumValues()).containsExactly("1024x1024", "1792x1024", "1024x1792"));
        assertThat(Builtins.bind("duckduckgo", "search", recorder, Map.of()).specification().parameters().properties()
                .get("max_results")).isInstanceOf(JsonIntegerSchema.class);
    }

    @Test
    void fixedParamsAreHiddenFromTheModelAndWinOverItsArguments() throws Exception {
        CallableTool tool = Builtins.bind("wikipedia", "search", recorder, Map.of(), Map.of("language", "zh"));

        assertThat(tool.specification().parameters().properties()).containsOnlyKeys("query");
        tool.call("{\"query\":\"长城\",\"language\":\"en\"}");
        assertThat(seen.get().string("language")).isEqualTo("zh");
    }

    @Test
    void defaultsApplyAndNumbersAreCoercedAndClamped() throws Exception {
        CallableTool tool = Builtins.bind("duckduckgo", "search", recorder, Map.of());

        tool.call("{\"query\":\"x\"}");
        assertThat(seen.get().integer("max_results", -1)).isEqualTo(5);
        tool.call("{\"query\":\"x\",\"max_results\":\"7\"}");
        assertThat(seen.get().integer("max_results", -1)).isEqualTo(7);
        tool.call("{\"query\":\"x\",\"max_results\":99}");
        assertThat(seen.get().integer("max_results", -1)).isEqualTo(10);
        assertThatThrownBy(() -> tool.call("{\"query\":\"x\",\"max_results\":\"many\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'max_results' must be a number");
        assertThatThrownBy(() -> tool.call("[1]")).hasMessage("arguments must be a JSON object");
    }

    @Test
    void unexpectedFailuresBecomeHumanMessagesAndCredentialsStayHidden() {
        CallableTool tool = Builtins.bind("google", "serper", (a, c) -> {
            throw new ClassCastException("JsonString cannot be cast to JsonObject");
        }, Map.of("api_key", "serper-secret-key"));

        assertThatThrownBy(() -> tool.call("{\"query\":\"x\"}")).isInstanceOf(ToolException.class)
                .hasMessage("Google search failed: the upstream answer could not be read");
        assertThat(tool.toString()).doesNotContain("serper-secret-key");
    }

    @Test
    void credentialDocumentsAreCheckedAgainstTheSchemaAndSecretsMasked() {
        BuiltinProviderSpec dalle = Builtins.CATALOG.provider("dalle").orElseThrow();

        assertThat(BuiltinCredentials.check(dalle, Map.of("base_url", "ftp://x", "token", "t")))
                .extracting(FieldError::field).containsExactly("api_key", "base_url", "token");
        assertThat(BuiltinCredentials.check(dalle, Map.of("api_key", "sk-1234567890abcdef"))).isEmpty();
        assertThat(BuiltinCredentials.masked(dalle, Map.of("api_key", "sk-1234567890abcdef", "base_url", "https://proxy.example/v1")))
                .containsEntry("api_key", "sk-****cdef").containsEntry("base_url", "https://proxy.example/v1");
    }
}
