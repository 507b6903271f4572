package io.llmops.tool.control;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import io.llmops.platform.outbound.OutboundRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request building and tool specifications of API tools (sending is covered end to end by ApiToolsIT). */
class ApiCallTest {

    private static final OpenApiSpec NOTES = OpenApiImporter.read(OpenApiImporterTest.resource("path-query-body.yaml"), null);
    private static final OpenApiSpec PETSTORE = OpenApiImporter.read(OpenApiImporterTest.resource("petstore-2.0.json"), null);

    private static ApiOperation op(OpenApiSpec spec, String name) {
        return spec.operations().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    private static ApiCall call(OpenApiSpec spec, String name, ApiCredentials credentials) {
        return new ApiCall(spec.serverUrl(), op(spec, name), credentials, null);
    }

    @Test
    void pathIsEncodedQueryHeaderAndJsonBodyArePlaced() throws Exception {
        OutboundRequest request = call(NOTES, "createNote", new ApiCredentials(List.of(), null))
                .request(Map.of("userId", "ann/b c", "notify", true, "X-Request-Source", "agent",
                        "title", "Buy milk", "tags", List.of("home"), "priority", 2));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri().toString()).isEqualTo("https://notes.example.com/api/users/ann%2Fb%20c/notes?notify=true");
        assertThat(request.headers()).containsEntry("X-Request-Source", "agent").containsEntry("Content-Type", "application/json");
        assertThat(new String(request.body(), StandardCharsets.UTF_8))
                .contains("\"title\":\"Buy milk\"").contains("\"tags\":[\"home\"]").contains("\"priority\":2")
                .doesNotContain("userId").doesNotContain("notify");
    }

    @Test
    void configuredHeadersAndEachAuthTypeAreApplied() throws Exception {
        List<ApiCredentials.Header> headers = List.of(new ApiCredentials.Header("X-Tenant", "acme"));
        ApiOperation byId = op(PETSTORE, "getPetById");

        OutboundRequest bearer = new ApiCall(PETSTORE.serverUrl(), byId,
                new ApiCredentials(headers, new ApiCredentials.Auth("bearer", null, "tok-123")), null).request(Map.of("petId", 7));
        assertThat(bearer.uri().toString()).isEqualTo("https://petstore.swagger.io/v2/pet/7");
        assertThat(bearer.headers()).containsEntry("X-Tenant", "acme").containsEntry("Authorization", "Bearer tok-123");
        assertThat(bearer.body()).isNull();

        OutboundRequest header = new ApiCall(PETSTORE.serverUrl(), byId,
                new ApiCredentials(List.of(), new ApiCredentials.Auth("api_key_header", "api_key", "k1")), null).request(Map.of("petId", 7));
        assertThat(header.headers()).containsEntry("api_key", "k1");

        OutboundRequest query = new ApiCall(PETSTORE.serverUrl(), byId,
                new ApiCredentials(List.of(), new ApiCredentials.Auth("api_key_query", "key", "a b&c")), null).request(Map.of("petId", 7));
        assertThat(query.uri().toString()).isEqualTo("https://petstore.swagger.io/v2/pet/7?key=a%20b%26c");
    }

    @Test
    void arrayQueryExplodesAndFormBodyIsUrlEncoded() throws Exception {
        OutboundRequest find = call(PETSTORE, "findPetsByStatus", new ApiCredentials(List.of(), null))
                .request(Map.of("status", List.of("available", "sold")));
        assertThat(find.uri().getRawQuery()).isEqualTo("status=available&status=sold");

        OutboundRequest form = call(PETSTORE, "updatePetWithForm", new ApiCredentials(List.of(), null))
                .request(Map.of("petId", 3, "name", "Rex & co"));
        assertThat(form.headers()).containsEntry("Content-Type", "application/x-www-form-urlencoded");
        assertThat(new String(form.body(), StandardCharsets.UTF_8)).isEqualTo("name=Rex%20%26%20co");
    }

    @Test
    void missingRequiredArgumentIsAReadableFailure() {
        assertThatThrownBy(() -> call(PETSTORE, "getPetById", new ApiCredentials(List.of(), null)).call("{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("missing required parameter \"petId\"");
        assertThatThrownBy(() -> call(PETSTORE, "getPetById", new ApiCredentials(List.of(), null)).call("[1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
    }

    @Test
    void specificationCarriesTypedParametersRequiredEnumsAndDefaults() {
        ToolSpecification spec = call(PETSTORE, "findPetsByStatus", new ApiCredentials(List.of(), null)).specification();
        assertThat(spec.name()).isEqualTo("findPetsByStatus");
        assertThat(spec.description()).startsWith("Finds Pets by status");
        assertThat(spec.parameters().required()).containsExactly("status");
        assertThat(spec.parameters().properties().get("status")).isInstanceOf(JsonArraySchema.class);

        ToolSpecification add = call(PETSTORE, "addPet", new ApiCredentials(List.of(), null)).specification();
        assertThat(add.parameters().required()).containsExactlyInAnyOrder("name", "photoUrls");
        assertThat(add.parameters().properties().get("id")).isInstanceOf(JsonIntegerSchema.class);
        assertThat(((JsonEnumSchema) add.parameters().properties().get("status")).enumValues())
                .containsExactly("available", "pending", "sold");

        ToolSpecification notes = call(NOTES, "createNote", new ApiCredentials(List.of(), null)).specification();
        assertThat(notes.parameters().properties().get("notify")).isInstanceOf(JsonBooleanSchema.class);
        assertThat(((JsonBooleanSchema) notes.parameters().properties().get("notify")).description()).contains("(default: false)");
    }

    @Test
    void observationsAreTruncatedWithANote() {
        assertThat(ApiCall.truncate("x".repeat(10), 20)).isEqualTo("x".repeat(10));
        assertThat(ApiCall.truncate("x".repeat(30), 20)).startsWith("x".repeat(20)).endsWith("[truncated: 30 characters in total]");
    }

    @Test
    void maskedCredentialsKeepStoredSecretsOnUpdate() {
        ApiCredentials stored = new ApiCredentials(List.of(new ApiCredentials.Header("X-Key", "secret-header-value-1")),
                new ApiCredentials.Auth("bearer", null, "bearer-token-abcdef"));
        ApiCredentials shown = stored.masked();
        assertThat(shown.headers().getFirst().value()).isEqualTo("sec****ue-1");
        assertThat(shown.auth().value()).isEqualTo("bea****cdef");
        assertThat(shown.toString()).doesNotContain("secret-header").doesNotContain("bearer-token");

        ApiCredentials kept = shown.keepMasked(stored);
        assertThat(kept).isEqualTo(stored);
        ApiCredentials changed = new ApiCredentials(List.of(new ApiCredentials.Header("X-Key", "new")),
                new ApiCredentials.Auth("bearer", null, "other")).keepMasked(stored);
        assertThat(changed.headers().getFirst().value()).isEqualTo("new");
        assertThat(changed.auth().value()).isEqualTo("other");
    }
}
