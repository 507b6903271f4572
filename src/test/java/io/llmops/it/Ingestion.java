package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static io.llmops.it.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers for document ingestion over HTTP: upload, create documents, wait for a batch, list segments. */
final class Ingestion {

    static final Set<String> TERMINAL = Set.of("completed", "error", "paused");

    private final Api api;

    Ingestion(Api api) {
        this.api = api;
    }

    String dataset(Session session, String name) {
        Reply reply = api.post("/api/datasets", session.accessToken(), object("name", name));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    String upload(Session session, String fileName, String text) {
        return upload(session, fileName, text.getBytes(StandardCharsets.UTF_8));
    }

    String upload(Session session, String fileName, byte[] content) {
        UploadFilesIT.Multipart body = UploadFilesIT.Multipart.of(fileName, content);
        Reply reply = api.send(api.request("/api/upload-files", session.accessToken()).version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", body.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    static ObjectNode request(String... uploadIds) {
        ObjectNode body = Api.JSON.createObjectNode();
        ArrayNode ids = body.putArray("upload_file_ids");
        for (String id : uploadIds) {
            ids.add(id);
        }
        return body;
    }

    /** A custom rule: chunk size and overlap, the given pre-process rules enabled. */
    static ObjectNode custom(ObjectNode body, int chunkSize, int overlap, String... enabledRules) {
        body.put("process_type", "custom");
        ObjectNode rule = body.putObject("rule");
        ArrayNode rules = rule.putArray("pre_process_rules");
        for (String id : enabledRules) {
            rules.addObject().put("id", id).put("enabled", true);
        }
        rule.putObject("segment").put("chunk_size", chunkSize).put("chunk_overlap", overlap);
        return body;
    }

    Reply create(Session session, String datasetId, Object body) {
        return api.post("/api/datasets/" + datasetId + "/documents", session.accessToken(), body);
    }

    /** Creates the documents and answers the batch id. */
    String ingest(Session session, String datasetId, Object body) {
        Reply reply = create(session, datasetId, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("batch").asText();
    }

    JsonNode batch(Session session, String datasetId, String batch) {
        return batch(api, session, datasetId, batch);
    }

    static JsonNode batch(Api api, Session session, String datasetId, String batch) {
        Reply reply = api.get("/api/datasets/" + datasetId + "/documents/batch/" + batch, session.accessToken());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** Polls the batch until every document satisfies {@code done}; answers the last view. */
    JsonNode await(Session session, String datasetId, String batch, Predicate<JsonNode> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode view = batch(session, datasetId, batch);
        while (!all(view, done)) {
            assertThat(Instant.now()).as("batch %s did not get there in %s: %s", batch, timeout, view).isBefore(deadline);
            sleep(200);
            view = batch(session, datasetId, batch);
        }
        return view;
    }

    JsonNode awaitFinished(Session session, String datasetId, String batch) {
        return await(session, datasetId, batch, d -> TERMINAL.contains(d.path("status").asText()), Duration.ofMinutes(3));
    }

    private static boolean all(JsonNode view, Predicate<JsonNode> done) {
        for (JsonNode doc : view.path("documents")) {
            if (!done.test(doc)) {
                return false;
            }
        }
        return true;
    }

    JsonNode document(Session session, String datasetId, String documentId) {
        Reply reply = api.get("/api/datasets/" + datasetId + "/documents/" + documentId, session.accessToken());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** Every segment of the document in position order. */
    List<JsonNode> segments(Session session, String datasetId, String documentId) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            Reply reply = api.get("/api/datasets/" + datasetId + "/documents/" + documentId + "/segments?page_size=100&page="
                    + page, session.accessToken());
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            reply.json().path("items").forEach(all::add);
            if (all.size() >= reply.json().path("total").asLong() || reply.json().path("items").isEmpty()) {
                return all;
            }
        }
    }

    static List<String> contents(List<JsonNode> segments) {
        return segments.stream().map(s -> s.path("content").asText()).toList();
    }

    static List<Integer> positions(List<JsonNode> segments) {
        return segments.stream().map(s -> s.path("position").asInt()).toList();
    }

    List<String> hitDocuments(Session session, String datasetId, String query, String strategy) {
        ObjectNode body = object("query", query, "retrieval_strategy", strategy);
        body.put("k", 10).put("score", 0);
        Reply reply = api.post("/api/datasets/" + datasetId + "/hit", session.accessToken(), body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> docs = new ArrayList<>();
        reply.json().path("hits").forEach(h -> docs.add(h.path("document_id").asText()));
        return docs;
    }

    /** Distinct sentences (no two embed alike, so the embedding cache saves nothing), a paragraph every ten. */
    static String longText(String topic, int sentences) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            sb.append("Record ").append(i).append(" of the ").append(topic).append(" log notes that shipment ")
                    .append(i * 7919 % 100_003).append(" reached depot ").append(i % 97).append(" on day ").append(i % 365)
                    .append(". ");
            if (i % 10 == 9) {
                sb.append("\n\n");
            }
        }
        return sb.toString();
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(LlmopsServer.baseEnvironment().get("LLMOPS_DATABASE_URL"), LlmopsServer.DB_USER,
                LlmopsServer.baseEnvironment().get("LLMOPS_DATABASE_PASSWORD"));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
