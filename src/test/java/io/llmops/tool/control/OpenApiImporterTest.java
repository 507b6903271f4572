package io.llmops.tool.control;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenApiImporterTest {

    static String resource(String name) {
        try (InputStream in = OpenApiImporterTest.class.getResourceAsStream("/openapi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, ApiOperation> byName(OpenApiSpec spec) {
        return spec.operations().stream().collect(Collectors.toMap(ApiOperation::name, Function.identity()));
    }

    private static Map<String, ApiParameter> parameters(ApiOperation operation) {
        return operation.parameters().stream().collect(Collectors.toMap(ApiParameter::name, Function.identity()));
    }

    @Test
    void petstoreSwagger2IsConvertedWithServerFromSchemeHostAndBasePath() {
        OpenApiSpec spec = OpenApiImporter.read(resource("petstore-2.0.json"), null);

        assertThat(spec.serverUrl()).isEqualTo("https://petstore.swagger.io/v2");
        assertThat(spec.operations()).extracting(ApiOperation::name).containsExactlyInAnyOrder(
                "addPet", "updatePet", "findPetsByStatus", "getPetById", "updatePetWithForm", "deletePet", "placeOrder");
        Map<String, ApiOperation> ops = byName(spec);

        ApiOperation addPet = ops.get("addPet");
        assertThat(addPet.method()).isEqualTo("POST");
        assertThat(addPet.path()).isEqualTo("/pet");
        assertThat(addPet.bodyType()).isEqualTo("json");
        Map<String, ApiParameter> pet = parameters(addPet);
        assertThat(pet.keySet()).containsExactlyInAnyOrder("id", "category", "name", "photoUrls", "tags", "status");
        assertThat(pet.get("name")).extracting(ApiParameter::in, ApiParameter::type, ApiParameter::required)
                .containsExactly("body", "string", true);
        assertThat(pet.get("id").type()).isEqualTo("integer");
        assertThat(pet.get("id").required()).isFalse();
        assertThat(pet.get("photoUrls")).extracting(ApiParameter::type, ApiParameter::itemsType).containsExactly("array", "string");
        assertThat(pet.get("tags")).extracting(ApiParameter::type, ApiParameter::itemsType).containsExactly("array", "object");
        assertThat(pet.get("category").type()).isEqualTo("object");
        assertThat(pet.get("status").enumValues()).containsExactly("available", "pending", "sold");
        assertThat(pet.get("status").description()).isEqualTo("pet status in the store");

        ApiParameter status = parameters(ops.get("findPetsByStatus")).get("status");
        assertThat(status).extracting(ApiParameter::in, ApiParameter::type, ApiParameter::itemsType, ApiParameter::required)
                .containsExactly("query", "array", "string", true);
        assertThat(ops.get("findPetsByStatus").description())
                .isEqualTo("Finds Pets by status\nMultiple status values can be provided with comma separated strings");

        ApiOperation byId = ops.get("getPetById");
        assertThat(byId.path()).isEqualTo("/pet/{petId}");
        assertThat(parameters(byId).get("petId")).extracting(ApiParameter::in, ApiParameter::type, ApiParameter::required,
                ApiParameter::description).containsExactly("path", "integer", true, "ID of pet to return");

        ApiOperation form = ops.get("updatePetWithForm");
        assertThat(form.bodyType()).isEqualTo("form");
        assertThat(parameters(form).keySet()).containsExactlyInAnyOrder("petId", "name", "status");
        assertThat(parameters(form).get("name").in()).isEqualTo("form");

        assertThat(parameters(ops.get("deletePet")).get("api_key").in()).isEqualTo("header");
        assertThat(parameters(ops.get("placeOrder")).get("complete").defaultValue()).isEqualTo(false);
        assertThat(parameters(ops.get("placeOrder")).get("status").enumValues()).containsExactly("placed", "approved", "delivered");
    }

    @Test
    void petstoreOpenApi3YamlResolvesSchemaParameterAndRequestBodyRefs() {
        OpenApiSpec spec = OpenApiImporter.read(resource("petstore-3.0.yaml"), null);

        assertThat(spec.serverUrl()).isEqualTo("https://petstore3.swagger.io/api/v3");
        Map<String, ApiOperation> ops = byName(spec);
        assertThat(ops.keySet()).containsExactlyInAnyOrder("updatePet", "addPet", "findPetsByStatus", "getPetById",
                "deletePet", "getInventory");
        // requestBody $ref → components.requestBodies.Pet → schemas.Pet
        Map<String, ApiParameter> added = parameters(ops.get("addPet"));
        assertThat(added.keySet()).containsExactlyInAnyOrder("id", "name", "category", "photoUrls", "tags", "status");
        assertThat(added.get("name")).extracting(ApiParameter::required, ApiParameter::description)
                .containsExactly(true, "the pet's name");
        // path-level parameter $ref reaches both operations of the path
        assertThat(parameters(ops.get("getPetById")).get("petId"))
                .extracting(ApiParameter::in, ApiParameter::type, ApiParameter::required).containsExactly("path", "integer", true);
        assertThat(parameters(ops.get("deletePet")).keySet()).containsExactlyInAnyOrder("petId", "api_key");
        ApiParameter status = parameters(ops.get("findPetsByStatus")).get("status");
        assertThat(status.defaultValue()).isEqualTo("available");
        assertThat(status.enumValues()).containsExactly("available", "pending", "sold");
        assertThat(ops.get("getInventory").parameters()).isEmpty();
        assertThat(ops.get("getInventory").bodyType()).isNull();
    }

    @Test
    void pathQueryHeaderAndAllOfBodyBecomeTypedParametersOf31Spec() {
        OpenApiSpec spec = OpenApiImporter.read(resource("path-query-body.yaml"), null);

        assertThat(spec.serverUrl()).isEqualTo("https://notes.example.com/api");
        ApiOperation create = spec.operations().getFirst();
        assertThat(create).extracting(ApiOperation::name, ApiOperation::method, ApiOperation::path, ApiOperation::bodyType)
                .containsExactly("createNote", "POST", "/users/{userId}/notes", "json");
        Map<String, ApiParameter> p = parameters(create);
        assertThat(p.get("userId")).extracting(ApiParameter::in, ApiParameter::required, ApiParameter::description)
                .containsExactly("path", true, "the user");
        assertThat(p.get("notify")).extracting(ApiParameter::in, ApiParameter::type, ApiParameter::defaultValue)
                .containsExactly("query", "boolean", false);
        assertThat(p.get("X-Request-Source").in()).isEqualTo("header");
        assertThat(p.get("title")).extracting(ApiParameter::in, ApiParameter::type, ApiParameter::required)
                .containsExactly("body", "string", true);
        assertThat(p.get("priority").type()).isEqualTo("integer");
        assertThat(p.get("tags")).extracting(ApiParameter::type, ApiParameter::itemsType).containsExactly("array", "string");
        assertThat(p.get("score").type()).isEqualTo("number");
    }

    @Test
    void relativeServerResolvesAgainstTheSchemaUrl() {
        String spec = "{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"servers\":[{\"url\":\"/v1\"}],"
                + "\"paths\":{\"/x\":{\"get\":{\"operationId\":\"x\",\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}";

        assertThat(OpenApiImporter.read(spec, URI.create("https://api.example.com/docs/openapi.json")).serverUrl())
                .isEqualTo("https://api.example.com/v1");
        assertThatThrownBy(() -> OpenApiImporter.read(spec, null)).isInstanceOf(InvalidOpenApiSchema.class)
                .hasMessageContaining("absolute http(s) URL");
    }

    @Test
    void missingOperationIdNamesThePathAndMethod() {
        assertThatThrownBy(() -> OpenApiImporter.read(resource("missing-operation-id.yaml"), null))
                .isInstanceOfSatisfying(InvalidOpenApiSchema.class, e -> assertThat(e.reasons())
                        .containsExactly("POST /b: operationId is required (it names the tool)"));
    }

    @Test
    void duplicateOperationIdNamesTheSecondPathAndMethod() {
        assertThatThrownBy(() -> OpenApiImporter.read(resource("duplicate-operation-id.yaml"), null))
                .isInstanceOfSatisfying(InvalidOpenApiSchema.class, e -> assertThat(e.reasons())
                        .containsExactly("GET /b: operationId \"fetch\" is used by another operation"));
    }

    @Test
    void operationIdsWithDotsAreToolNamesButSpacesAndSlashesAreNot() {
        String dotted = resource("duplicate-operation-id.yaml").replaceFirst("operationId: fetch", "operationId: pets.list");
        assertThat(OpenApiImporter.read(dotted, null).operations()).extracting(ApiOperation::name)
                .containsExactly("pets.list", "fetch");
        String spaced = resource("duplicate-operation-id.yaml").replaceFirst("operationId: fetch", "operationId: 'list pets/all'");
        assertThatThrownBy(() -> OpenApiImporter.read(spaced, null)).hasMessageContaining("GET /a: operationId \"list pets/all\"");
    }

    @Test
    void specWithoutServerIsRefused() {
        String noServer = resource("missing-operation-id.yaml").replace("servers: [{url: \"https://api.example.com\"}]\n", "");
        assertThatThrownBy(() -> OpenApiImporter.read(noServer, null)).hasMessageContaining("names no server");
        String noHost = resource("petstore-2.0.json").replace("\"host\": \"petstore.swagger.io\",", "");
        assertThatThrownBy(() -> OpenApiImporter.read(noHost, null)).hasMessageContaining("names no host");
    }

    @Test
    void textThatIsNotOpenApiIsRefused() {
        for (String text : List.of("hello, this is not a spec", "{\"name\": \"package.json\", \"version\": \"1.0.0\"}",
                "openapi: [unclosed", "", "- a\n- b", "{\"openapi\": \"3.0.0\", \"info\": 12, \"servers\": [{\"url\": \"https://x.example\"}], \"paths\": 7}")) {
            assertThatThrownBy(() -> OpenApiImporter.read(text, null)).as(text).isInstanceOf(InvalidOpenApiSchema.class);
        }
    }

    @Test
    void remoteAndFileRefsAreRefusedBeforeTheParserCouldFetchThem() {
        String spec = resource("missing-operation-id.yaml").replace("summary: no id here",
                "operationId: b\n      requestBody: {content: {application/json: {schema: {$ref: 'http://169.254.169.254/latest/meta-data'}}}}");
        assertThatThrownBy(() -> OpenApiImporter.read(spec, null)).hasMessageContaining("only local $refs")
                .hasMessageContaining("169.254.169.254");
        String file = spec.replace("http://169.254.169.254/latest/meta-data", "/etc/passwd");
        assertThatThrownBy(() -> OpenApiImporter.read(file, null)).hasMessageContaining("/etc/passwd");
    }

    @Test
    void billionLaughsIsRefusedQuicklyByTheAliasLimit() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> OpenApiImporter.read(resource("yaml-bomb.yaml"), null))
                .isInstanceOf(InvalidOpenApiSchema.class).hasMessageContaining("aliases");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void aliasExpansionUnderTheAliasLimitIsStillBoundedByTheNodeBudget() {
        // 6 levels of 8 aliases (48 < 50) expand to 8^6 = 262144 leaves
        StringBuilder yaml = new StringBuilder("openapi: 3.0.0\ninfo: {title: t, version: '1'}\n"
                + "servers: [{url: 'https://api.example.com'}]\npaths: {}\nl0: &l0 [lol]\n");
        for (int level = 1; level <= 6; level++) {
            yaml.append("l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(8, "*l" + (level - 1)))).append("]\n");
        }
        assertThatThrownBy(() -> OpenApiImporter.read(yaml.toString(), null))
                .isInstanceOf(InvalidOpenApiSchema.class).hasMessageContaining("expands to more than");
    }

    @Test
    void refFanOutResolvesWithoutExpandingEveryCopy() {
        // 10 levels of schemas each referencing the next 10 times: 10^10 nodes if every $ref were copied
        StringBuilder json = new StringBuilder("{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"},"
                + "\"servers\":[{\"url\":\"https://api.example.com\"}],\"paths\":{\"/x\":{\"post\":{\"operationId\":\"x\","
                + "\"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/S0\"}}}},"
                + "\"responses\":{\"200\":{\"description\":\"ok\"}}}}},\"components\":{\"schemas\":{");
        for (int level = 0; level < 10; level++) {
            json.append(level == 0 ? "" : ",").append("\"S").append(level).append("\":{\"type\":\"object\",\"properties\":{");
            for (int p = 0; p < 10; p++) {
                json.append(p == 0 ? "" : ",").append("\"p").append(p).append("\":")
                        .append(level == 9 ? "{\"type\":\"string\"}" : "{\"$ref\":\"#/components/schemas/S" + (level + 1) + "\"}");
            }
            json.append("}}");
        }
        json.append("}}}");
        long started = System.nanoTime();
        OpenApiSpec spec = OpenApiImporter.read(json.toString(), null);
        assertThat(spec.operations().getFirst().parameters()).hasSize(10);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void recursiveAliasIsRefused() {
        String yaml = "openapi: 3.0.0\nservers: [{url: 'https://api.example.com'}]\nloop: &loop [*loop]\npaths: {}\n";
        assertThatThrownBy(() -> OpenApiImporter.read(yaml, null)).isInstanceOf(InvalidOpenApiSchema.class);
    }

    @Test
    void textOverTheSizeCapIsRefusedBeforeParsing() {
        String huge = "openapi: 3.0.0\ndescription: '" + "x".repeat(SpecDocument.MAX_CHARS) + "'\n";
        assertThatThrownBy(() -> OpenApiImporter.read(huge, null)).hasMessageContaining("larger than");
    }

    @Test
    void selfReferencingSchemaDoesNotLoop() {
        String spec = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://api.example.com'}]\n"
                + "paths:\n  /nodes:\n    post:\n      operationId: addNode\n      requestBody:\n        content:\n"
                + "          application/json:\n            schema: {$ref: '#/components/schemas/Node'}\n"
                + "      responses: {'200': {description: ok}}\n"
                + "components:\n  schemas:\n    Node:\n      type: object\n      properties:\n"
                + "        label: {type: string}\n        children: {type: array, items: {$ref: '#/components/schemas/Node'}}\n";
        Map<String, ApiParameter> p = parameters(OpenApiImporter.read(spec, null).operations().getFirst());
        assertThat(p.get("children")).extracting(ApiParameter::type, ApiParameter::itemsType).containsExactly("array", "object");
    }
}
