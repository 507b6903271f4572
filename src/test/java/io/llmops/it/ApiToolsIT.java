package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import io.llmops.testing.FakeOpenAiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.llmops.it.Api.object;
import static io.llmops.testing.FakeOpenAiServer.Reply.stream;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API tools over HTTP: validating and importing OpenAPI specs (text and schema_url), masked secrets,
 * list/search/paging, replace, delete, workspace isolation, refused specs storing nothing, and an
 * imported tool called by the agent in a debug chat against a fake API on 127.0.0.2.
 */
class ApiToolsIT extends FakeModelAppIT {

    private static HttpServer upstream;
    private static String upstreamBase;
    /** Requests the fake API saw: "METHOD /path?query", then headers and body. */
    private static final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    private static final Map<String, String> served = new ConcurrentHashMap<>();

    private Session me;

    @BeforeAll
    static void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        upstream.createContext("/", ApiToolsIT::handle);
        upstream.start();
        upstreamBase = "http://127.0.0.2:" + upstream.getAddress().getPort();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.stop(0);
    }

    @BeforeEach
    void account() {
        seen.clear();
        me = api.register();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> request = new ConcurrentHashMap<>();
        request.put("target", exchange.getRequestMethod() + " " + target);
        request.put("body", body);
        exchange.getRequestHeaders().forEach((k, v) -> request.put("h:" + k.toLowerCase(), String.join(",", v)));
        String status = "200";
        String answer;
        if (served.containsKey(exchange.getRequestURI().getPath())) {
            answer = served.get(exchange.getRequestURI().getPath());
        } else if (target.startsWith("/api/pets/")) {
            seen.add(request);
            answer = "{\"id\": 42, \"name\": \"Rex the fake dog\", \"status\": \"available\"}";
        } else if (target.startsWith("/api/users/")) {
            seen.add(request);
            status = "201";
            answer = "{\"created\": true, \"echo\": " + (body.isBlank() ? "null" : body) + "}";
        } else {
            seen.add(request);
            status = "404";
            answer = "{\"error\": \"no such thing\"}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(Integer.parseInt(status), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** An OpenAPI 3 YAML spec of the fake API, with a $ref'd body and path + query + header parameters. */
    private static String petSpec(String server) {
        return """
                openapi: 3.0.3
                info: {title: Fake pets, version: "1"}
                servers:
                  - url: %s/api
                paths:
                  /pets/{petId}:
                    get:
                      operationId: getPet
                      summary: Find a pet by its id
                      parameters:
                        - {name: petId, in: path, required: true, description: the pet id, schema: {type: integer}}
                        - {name: verbose, in: query, schema: {type: boolean, default: false}}
                      responses: {'200': {description: the pet}}
                  /users/{userId}/notes:
                    post:
                      operationId: createNote
                      parameters:
                        - {name: userId, in: path, required: true, schema: {type: string}}
                        - {name: X-Trace, in: header, schema: {type: string}}
                      requestBody:
                        content:
                          application/json:
                            schema: {$ref: '#/components/schemas/Note'}
                      responses: {'201': {description: created}}
                  /nowhere:
                    get:
                      operationId: goNowhere
                      responses: {'404': {description: never there}}
                components:
                  schemas:
                    Note:
                      type: object
                      required: [title]
                      properties:
                        title: {type: string, description: the title}
                        stars: {type: integer, enum: [1, 2, 3]}
                """.formatted(server);
    }

    private static String resource(String name) {
        try (InputStream in = ApiToolsIT.class.getResourceAsStream("/openapi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode provider(String name, String spec) {
        ObjectNode body = object("name", name, "openapi_schema", spec);
        ArrayNode headers = body.putArray("headers");
        headers.addObject().put("key", "X-Tenant").put("value", "tenant-secret-value-1234");
        body.putObject("auth").put("type", "bearer").put("value", "bearer-token-0123456789");
        return body;
    }

    private Reply create(Session session, ObjectNode body) {
        return api.post("/api/api-tools", session.accessToken(), body);
    }

    private String createPets(Session session, String name) {
        Reply created = create(session, provider(name, petSpec(upstreamBase)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private long total(Session session) {
        return api.get("/api/api-tools", session.accessToken()).json().path("total").asLong();
    }

    @Test
    void validateAnswersTheToolsASpecWouldCreate() {
        Reply reply = api.post("/api/api-tools/validate-openapi-schema", me.accessToken(),
                object("openapi_schema", resource("petstore-2.0.json")));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("server_url").asText()).isEqualTo("https://petstore.swagger.io/v2");
        List<String> names = new ArrayList<>();
        reply.json().path("tools").forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("addPet", "updatePet", "findPetsByStatus", "getPetById",
                "updatePetWithForm", "deletePet", "placeOrder");
        JsonNode byId = find(reply.json().path("tools"), "getPetById");
        assertThat(byId.path("method").asText()).isEqualTo("GET");
        assertThat(byId.path("url").asText()).isEqualTo("https://petstore.swagger.io/v2/pet/{petId}");
        assertThat(byId.at("/parameters/0/name").asText()).isEqualTo("petId");
        assertThat(byId.at("/parameters/0/in").asText()).isEqualTo("path");
        assertThat(byId.at("/parameters/0/type").asText()).isEqualTo("integer");
        assertThat(byId.at("/parameters/0/required").asBoolean()).isTrue();

        Reply yaml = api.post("/api/api-tools/validate-openapi-schema", me.accessToken(),
                object("openapi_schema", resource("petstore-3.0.yaml")));
        assertThat(yaml.status()).as(yaml.body()).isEqualTo(200);
        assertThat(find(yaml.json().path("tools"), "addPet").path("parameters").size()).isEqualTo(6);
    }

    @Test
    void badSpecsAnswer400WithTheReasons() {
        Reply notOpenApi = api.post("/api/api-tools/validate-openapi-schema", me.accessToken(),
                object("openapi_schema", "Dear diary, today I wrote no spec."));
        assertThat(notOpenApi.status()).isEqualTo(400);
        assertThat(notOpenApi.code()).isEqualTo("invalid_openapi_schema");
        assertThat(notOpenApi.contentType()).startsWith("application/problem+json");

        Reply missing = api.post("/api/api-tools/validate-openapi-schema", me.accessToken(),
                object("openapi_schema", resource("missing-operation-id.yaml")));
        assertThat(missing.code()).isEqualTo("invalid_openapi_schema");
        assertThat(missing.json().at("/errors/0/field").asText()).isEqualTo("openapi_schema");
        assertThat(missing.json().at("/errors/0/message").asText()).isEqualTo("POST /b: operationId is required (it names the tool)");

        Reply duplicate = api.post("/api/api-tools/validate-openapi-schema", me.accessToken(),
                object("openapi_schema", resource("duplicate-operation-id.yaml")));
        assertThat(duplicate.json().at("/errors/0/message").asText()).contains("GET /b").contains("\"fetch\"");

        long started = System.nanoTime();
        Reply bomb = api.post("/api/api-tools/validate-openapi-schema", me.accessToken(),
                object("openapi_schema", resource("yaml-bomb.yaml")));
        assertThat(bomb.status()).isEqualTo(400);
        assertThat(bomb.code()).isEqualTo("invalid_openapi_schema");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);

        Reply noBody = api.post("/api/api-tools/validate-openapi-schema", me.accessToken(), "{}");
        assertThat(noBody.status()).isEqualTo(400);
    }

    @Test
    void refusedImportsStoreNothing() {
        assertThat(create(me, provider("not a spec", "just words")).code()).isEqualTo("invalid_openapi_schema");
        assertThat(create(me, provider("bomb", resource("yaml-bomb.yaml"))).code()).isEqualTo("invalid_openapi_schema");
        assertThat(create(me, provider("dup", resource("duplicate-operation-id.yaml"))).code()).isEqualTo("invalid_openapi_schema");
        String noServer = petSpec(upstreamBase).replace("servers:\n  - url: " + upstreamBase + "/api\n", "");
        Reply serverless = create(me, provider("no server", noServer));
        assertThat(serverless.code()).isEqualTo("invalid_openapi_schema");
        assertThat(serverless.body()).contains("names no server");

        ObjectNode both = provider("both", petSpec(upstreamBase));
        both.put("schema_url", upstreamBase + "/spec.yaml");
        assertThat(create(me, both).code()).isEqualTo("validation_failed");
        ObjectNode neither = provider("neither", petSpec(upstreamBase));
        neither.remove("openapi_schema");
        assertThat(create(me, neither).code()).isEqualTo("validation_failed");
        ObjectNode badAuth = provider("bad auth", petSpec(upstreamBase));
        badAuth.putObject("auth").put("type", "api_key_header").put("value", "k");
        Reply authReply = create(me, badAuth);
        assertThat(authReply.code()).isEqualTo("validation_failed");
        assertThat(authReply.json().at("/errors/0/field").asText()).isEqualTo("auth.name");
        ObjectNode badHeader = provider("bad header", petSpec(upstreamBase));
        badHeader.putArray("headers").addObject().put("key", "Host").put("value", "evil.example");
        assertThat(create(me, badHeader).code()).isEqualTo("validation_failed");

        // 5 MB of spec: the platform's body limit answers 413 from the declared length, before reading or parsing it
        String huge = "openapi: 3.0.0\ninfo: {title: big, version: '1'}\ndescription: '" + "x".repeat(5 * 1024 * 1024) + "'\n";
        String big = postDeclaringLength(me, provider("huge", huge).toString());
        assertThat(big).startsWith("HTTP/1.1 413").contains("payload_too_large");

        // the same through schema_url: the download is capped too
        served.put("/huge.yaml", huge.substring(0, 1536 * 1024));
        ObjectNode hugeUrl = object("name", "huge by url", "schema_url", upstreamBase + "/huge.yaml");
        Reply bigUrl = create(me, hugeUrl);
        assertThat(bigUrl.status()).isEqualTo(400);
        assertThat(bigUrl.code()).isEqualTo("invalid_openapi_schema");
        assertThat(bigUrl.body()).contains("larger than");

        Reply missingUrl = create(me, object("name", "missing", "schema_url", upstreamBase + "/no-such-spec.yaml"));
        assertThat(missingUrl.status()).isEqualTo(400);
        assertThat(missingUrl.code()).isEqualTo("schema_url_unreachable");
        Reply ftp = create(me, object("name", "ftp", "schema_url", "ftp://example.com/spec.yaml"));
        assertThat(ftp.code()).isEqualTo("validation_failed");

        assertThat(total(me)).isZero();
    }

    @Test
    void importReadListUpdateAndDeleteWithMaskedSecrets() {
        String id = createPets(me, "Fake pets");

        Reply got = api.get("/api/api-tools/" + id, me.accessToken());
        assertThat(got.status()).isEqualTo(200);
        JsonNode provider = got.json();
        assertThat(provider.path("name").asText()).isEqualTo("Fake pets");
        assertThat(provider.path("icon").asText()).isNotBlank();
        assertThat(provider.path("server_url").asText()).isEqualTo(upstreamBase + "/api");
        assertThat(provider.path("openapi_schema").asText()).contains("operationId: getPet");
        assertThat(provider.at("/headers/0/key").asText()).isEqualTo("X-Tenant");
        assertThat(provider.at("/headers/0/value").asText()).isEqualTo("ten****1234");
        assertThat(provider.at("/auth/type").asText()).isEqualTo("bearer");
        assertThat(provider.at("/auth/value").asText()).isEqualTo("bea****6789");
        assertThat(got.body()).doesNotContain("tenant-secret-value-1234").doesNotContain("bearer-token-0123456789");
        assertThat(provider.path("tools").size()).isEqualTo(3);

        Reply tool = api.get("/api/api-tools/" + id + "/tools/createNote", me.accessToken());
        assertThat(tool.status()).isEqualTo(200);
        assertThat(tool.json().path("method").asText()).isEqualTo("POST");
        assertThat(tool.json().path("url").asText()).isEqualTo(upstreamBase + "/api/users/{userId}/notes");
        List<String> where = new ArrayList<>();
        tool.json().path("parameters").forEach(p -> where.add(p.path("name").asText() + "@" + p.path("in").asText()));
        assertThat(where).containsExactlyInAnyOrder("userId@path", "X-Trace@header", "title@body", "stars@body");
        assertThat(api.get("/api/api-tools/" + id + "/tools/nope", me.accessToken()).status()).isEqualTo(404);

        // a duplicate name is a conflict; list, search and paging
        assertThat(create(me, provider("Fake pets", petSpec(upstreamBase))).status()).isEqualTo(409);
        createPets(me, "Weather");
        createPets(me, "Second pets");
        JsonNode list = api.get("/api/api-tools?page=1&page_size=2", me.accessToken()).json();
        assertThat(list.path("total").asLong()).isEqualTo(3);
        assertThat(list.path("items").size()).isEqualTo(2);
        assertThat(list.at("/items/0/name").asText()).isEqualTo("Second pets");
        assertThat(list.at("/items/0/openapi_schema").isMissingNode()).isTrue();
        assertThat(list.at("/items/0/headers/0/value").asText()).isEqualTo("ten****1234");
        assertThat(api.get("/api/api-tools?page=2&page_size=2", me.accessToken()).json().at("/items/0/name").asText())
                .isEqualTo("Fake pets");
        JsonNode searched = api.get("/api/api-tools?search=PETS", me.accessToken()).json();
        assertThat(searched.path("total").asLong()).isEqualTo(2);
        assertThat(api.get("/api/api-tools?page_size=101", me.accessToken()).status()).isEqualTo(400);

        // PUT: masked values sent back keep the stored secrets; the spec and name change
        ObjectNode update = object("name", "Fake pets v2", "openapi_schema",
                petSpec(upstreamBase).replace("  /nowhere:\n    get:\n      operationId: goNowhere\n"
                        + "      responses: {'404': {description: never there}}\n", ""));
        update.putArray("headers").addObject().put("key", "X-Tenant").put("value", "ten****1234");
        update.putObject("auth").put("type", "bearer").put("value", "bea****6789");
        Reply put = api.put("/api/api-tools/" + id, me.accessToken(), update);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("name").asText()).isEqualTo("Fake pets v2");
        assertThat(put.json().path("tools").size()).isEqualTo(2);
        assertThat(put.json().at("/auth/value").asText()).isEqualTo("bea****6789");
        assertThat(api.put("/api/api-tools/" + id, me.accessToken(), provider("Weather", petSpec(upstreamBase))).status())
                .isEqualTo(409);
        Reply badPut = api.put("/api/api-tools/" + id, me.accessToken(), provider("Fake pets v3", "nope"));
        assertThat(badPut.status()).isEqualTo(400);
        assertThat(api.get("/api/api-tools/" + id, me.accessToken()).json().path("name").asText()).isEqualTo("Fake pets v2");

        assertThat(api.delete("/api/api-tools/" + id, me.accessToken()).status()).isEqualTo(204);
        assertThat(api.get("/api/api-tools/" + id, me.accessToken()).status()).isEqualTo(404);
        assertThat(api.delete("/api/api-tools/" + id, me.accessToken()).status()).isEqualTo(404);
        assertThat(total(me)).isEqualTo(2);
    }

    @Test
    void anotherWorkspacesProviderIsNotFound() {
        String id = createPets(me, "Mine");
        Session other = api.register();

        assertThat(api.get("/api/api-tools/" + id, other.accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/api-tools/" + id + "/tools/getPet", other.accessToken()).status()).isEqualTo(404);
        assertThat(api.put("/api/api-tools/" + id, other.accessToken(), provider("Mine", petSpec(upstreamBase))).status())
                .isEqualTo(404);
        assertThat(api.delete("/api/api-tools/" + id, other.accessToken()).status()).isEqualTo(404);
        assertThat(total(other)).isZero();
        // names are unique per workspace only
        assertThat(create(other, provider("Mine", petSpec(upstreamBase))).status()).isEqualTo(201);
        assertThat(api.get("/api/api-tools/" + id, me.accessToken()).status()).isEqualTo(200);
        assertThat(api.get("/api/api-tools/not-a-uuid", me.accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/api-tools", null).status()).isEqualTo(401);
    }

    @Test
    void schemaUrlImportsTheSpecTheUpstreamServes() {
        served.put("/spec.yaml", petSpec(upstreamBase));

        Reply created = create(me, object("name", "By URL", "schema_url", upstreamBase + "/spec.yaml"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("schema_url").asText()).isEqualTo(upstreamBase + "/spec.yaml");
        assertThat(created.json().path("tools").size()).isEqualTo(3);
        assertThat(created.json().at("/auth/type").asText()).isEqualTo("none");
    }

    @Test
    void schemaUrlOnAnInternalAddressIsRefusedAsSsrf() {
        org.junit.jupiter.api.Assumptions.assumeTrue(LlmopsServer.environment().containsKey("LLMOPS_SSRF_ALLOWLIST"),
                "the SSRF guard is not on this branch yet");
        served.put("/spec.yaml", petSpec(upstreamBase));
        String port = upstreamBase.substring(upstreamBase.lastIndexOf(':') + 1);

        for (String url : List.of("http://127.0.0.1:" + port + "/spec.yaml", "http://169.254.169.254/latest/meta-data",
                "http://[::1]:" + port + "/spec.yaml")) {
            Reply refused = create(me, object("name", "internal", "schema_url", url));
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.code()).as(url).isEqualTo("ssrf_blocked");
        }
        assertThat(total(me)).isZero();
    }

    @Test
    void agentCallsAnImportedToolAndSeesTheApisAnswer() throws Exception {
        newAppWithModel("Pet bot", "{\"model_config\":{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\"},"
                + "\"preset_prompt\":\"You know pets.\"}");
        String providerId = createPets(session, "Fake pets");
        Reply unknown = api.patch("/api/apps/" + appId + "/draft-config", session.accessToken(),
                "{\"tools\":[{\"type\":\"api\",\"provider_id\":\"" + providerId + "\",\"tool\":\"noSuchTool\"}]}");
        assertThat(unknown.status()).isEqualTo(400);
        Reply configured = api.patch("/api/apps/" + appId + "/draft-config", session.accessToken(),
                "{\"tools\":[{\"type\":\"api\",\"provider_id\":\"" + providerId + "\",\"tool\":\"getPet\"},"
                        + "{\"type\":\"api\",\"provider_id\":\"" + providerId + "\",\"tool\":\"createNote\"}]}");
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        fake.enqueue(FakeOpenAiServer.Reply.toolCall("getPet", "{\"petId\": 42, \"verbose\": true}"),
                FakeOpenAiServer.Reply.toolCall("createNote",
                        "{\"userId\": \"ann b\", \"X-Trace\": \"t-1\", \"title\": \"walk Rex\", \"stars\": 3}"),
                stream("Rex ", "is available."));

        List<JsonNode> events = chat("Is pet 42 available?");

        List<JsonNode> thoughts = events.stream().filter(e -> e.path("event").asText().equals("agent_thought")).toList();
        assertThat(thoughts).hasSizeGreaterThanOrEqualTo(2);
        JsonNode first = thoughts.stream().filter(t -> t.path("tool").asText().equals("getPet")).findFirst().orElseThrow();
        assertThat(first.path("observation").asText()).contains("Rex the fake dog");
        JsonNode second = thoughts.stream().filter(t -> t.path("tool").asText().equals("createNote")).findFirst().orElseThrow();
        assertThat(second.path("observation").asText()).contains("\"created\": true");
        assertThat(events.getLast().path("event").asText()).isEqualTo("message_end");

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).get("target")).isEqualTo("GET /api/pets/42?verbose=true");
        assertThat(seen.get(0).get("h:authorization")).isEqualTo("Bearer bearer-token-0123456789");
        assertThat(seen.get(0).get("h:x-tenant")).isEqualTo("tenant-secret-value-1234");
        assertThat(seen.get(1).get("target")).isEqualTo("POST /api/users/ann%20b/notes");
        assertThat(seen.get(1).get("h:x-trace")).isEqualTo("t-1");
        assertThat(seen.get(1).get("h:content-type")).startsWith("application/json");
        JsonNode sent = Api.JSON.readTree(seen.get(1).get("body"));
        assertThat(sent.path("title").asText()).isEqualTo("walk Rex");
        assertThat(sent.path("stars").asInt()).isEqualTo(3);

        // the model's tool list carried the typed specification
        JsonNode tools = fake.chatRequests().getFirst().json().path("tools");
        JsonNode getPet = tools.get(0).path("function");
        assertThat(getPet.path("name").asText()).isEqualTo("getPet");
        assertThat(getPet.at("/parameters/properties/petId/type").asText()).isEqualTo("integer");
        assertThat(getPet.at("/parameters/required/0").asText()).isEqualTo("petId");
    }

    @Test
    void failingApiCallIsAnObservationNotACrashedTurn() {
        newAppWithModel("Lost bot", "{\"model_config\":{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\"}}");
        String providerId = createPets(session, "Fake pets");
        assertThat(api.patch("/api/apps/" + appId + "/draft-config", session.accessToken(),
                "{\"tools\":[{\"type\":\"api\",\"provider_id\":\"" + providerId + "\",\"tool\":\"goNowhere\"}]}").status())
                .isEqualTo(200);
        fake.enqueue(FakeOpenAiServer.Reply.toolCall("goNowhere", "{}"), stream("Nothing there."));

        List<JsonNode> events = chat("go");

        JsonNode thought = events.stream().filter(e -> e.path("event").asText().equals("agent_thought")).findFirst().orElseThrow();
        assertThat(thought.path("observation").asText()).contains("HTTP 404").contains("no such thing");
        assertThat(events.getLast().path("event").asText()).isEqualTo("message_end");
    }

    /**
     * Sends the headers and the first 64 KiB of a large body on a raw socket and reads the answer: the
     * JDK client would block writing the rest, which the server rightly never reads.
     */
    private static String postDeclaringLength(Session session, String body) {
        java.net.URI base = java.net.URI.create(LlmopsServer.url());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            String head = "POST /api/api-tools HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Authorization: Bearer " + session.accessToken() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes, 0, 64 * 1024);
            socket.getOutputStream().flush();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[8192];
            int read;
            // read until the problem document has arrived (or the server closes): it may keep the socket open
            while (!answer.toString().contains("}") && (read = socket.getInputStream().read(buffer)) > 0) {
                answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
            return answer.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode find(JsonNode tools, String name) {
        for (JsonNode tool : tools) {
            if (tool.path("name").asText().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no tool " + name + " in " + tools);
    }

}
