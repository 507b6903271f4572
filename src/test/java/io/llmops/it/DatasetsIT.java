package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.llmops.it.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Datasets over HTTP: CRUD with unique names and workspace isolation, manual segments (English and
 * Chinese) embedded by the local model inside Payara, hit testing with each strategy, thresholds,
 * edits that re-embed, disabling, deleting, recorded queries and hit counts, and the rebuild of a
 * dataset PostgreSQL has but the index lacks.
 */
@ExtendWith(LlmopsServer.class)
class DatasetsIT {

    static final String LUCENE = "Lucene stores inverted indexes on disk and ranks keyword queries with BM25.";
    static final String ESPRESSO = "The espresso machine needs descaling every three months to keep the coffee tasting fresh.";
    static final String EVEREST = "Mount Everest is the highest mountain on Earth, on the border between Nepal and China.";
    static final String BEIJING = "北京是中国的首都，拥有故宫和天安门广场。";
    static final String PANDA = "大熊猫主要生活在四川的竹林里，以竹子为食。";

    private final Api api = new Api();

    private JsonNode createDataset(Session session, String name) {
        Reply reply = api.post("/api/datasets", session.accessToken(), object("name", name));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    private String manualDocument(Session session, String datasetId) {
        Reply reply = api.get("/api/datasets/" + datasetId + "/documents", session.accessToken());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode doc = reply.json().path("items").get(0);
        assertThat(doc.path("source").asText()).isEqualTo("manual");
        return doc.path("id").asText();
    }

    private String segmentsPath(String datasetId, String documentId) {
        return "/api/datasets/" + datasetId + "/documents/" + documentId + "/segments";
    }

    private JsonNode addSegment(Session session, String datasetId, String documentId, String content) {
        Reply reply = api.post(segmentsPath(datasetId, documentId), session.accessToken(), object("content", content));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    private Reply hit(Session session, String datasetId, String query, String strategy, int k, double score) {
        ObjectNode body = object("query", query, "retrieval_strategy", strategy);
        body.put("k", k).put("score", score);
        return api.post("/api/datasets/" + datasetId + "/hit", session.accessToken(), body);
    }

    private List<String> hitIds(Session session, String datasetId, String query, String strategy) {
        Reply reply = hit(session, datasetId, query, strategy, 5, 0);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().path("hits").forEach(h -> ids.add(h.path("segment_id").asText()));
        return ids;
    }

    @Test
    void crudWithUniqueNamesPerWorkspaceAndDefaults() {
        Session alice = api.register();
        Session bob = api.register();
        JsonNode created = createDataset(alice, "  Handbook ");
        String id = created.path("id").asText();
        assertThat(created.path("name").asText()).isEqualTo("Handbook");
        assertThat(created.path("embedding_provider").asText()).isEqualTo("local");
        assertThat(created.path("embedding_model").asText()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(created.path("retrieval_settings").path("retrieval_strategy").asText()).isEqualTo("hybrid");
        assertThat(created.path("retrieval_settings").path("k").asInt()).isEqualTo(4);
        assertThat(created.path("document_count").asLong()).isZero();
        assertThat(created.path("app_count").asLong()).isZero();
        assertThat(api.get("/api/datasets/" + id, alice.accessToken()).json()).isEqualTo(created);

        Reply duplicate = api.post("/api/datasets", alice.accessToken(), object("name", "Handbook"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("dataset_exists");
        assertThat(createDataset(bob, "Handbook").path("id").asText()).isNotEqualTo(id);

        Reply unknownModel = api.post("/api/datasets", alice.accessToken(),
                object("name", "Other", "embedding_provider", "openai", "embedding_model", "text-embedding-3-small"));
        assertThat(unknownModel.status()).isEqualTo(400);
        assertThat(unknownModel.json().path("errors").get(0).path("field").asText()).isEqualTo("embedding_model");

        createDataset(alice, "Recipes");
        JsonNode listed = api.get("/api/datasets?search=HAND&page_size=10", alice.accessToken()).json();
        assertThat(listed.path("total").asLong()).isEqualTo(1);
        assertThat(listed.path("items").get(0).path("id").asText()).isEqualTo(id);
        assertThat(api.get("/api/datasets", alice.accessToken()).json().path("total").asLong()).isEqualTo(2);

        ObjectNode patch = object("description", "Company rules");
        patch.putObject("retrieval_settings").put("retrieval_strategy", "semantic").put("k", 3);
        Reply patched = api.patch("/api/datasets/" + id, alice.accessToken(), patch);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("description").asText()).isEqualTo("Company rules");
        assertThat(patched.json().path("retrieval_settings").path("retrieval_strategy").asText()).isEqualTo("semantic");
        assertThat(patched.json().path("retrieval_settings").path("k").asInt()).isEqualTo(3);
        assertThat(api.patch("/api/datasets/" + id, alice.accessToken(), object("name", "Recipes")).status()).isEqualTo(409);
        assertThat(api.patch("/api/datasets/" + id, alice.accessToken(), object("embedding_model", "bge-m3")).status())
                .isEqualTo(400);

        // another workspace sees nothing of it
        assertThat(api.get("/api/datasets/" + id, bob.accessToken()).status()).isEqualTo(404);
        assertThat(api.patch("/api/datasets/" + id, bob.accessToken(), object("name", "Mine")).status()).isEqualTo(404);
        assertThat(api.get("/api/datasets/" + id + "/documents", bob.accessToken()).status()).isEqualTo(404);
        assertThat(hit(bob, id, "rules", "full_text", 3, 0).status()).isEqualTo(404);
        assertThat(api.delete("/api/datasets/" + id, bob.accessToken()).status()).isEqualTo(404);

        assertThat(api.delete("/api/datasets/" + id, alice.accessToken()).status()).isEqualTo(204);
        assertThat(api.get("/api/datasets/" + id, alice.accessToken()).status()).isEqualTo(404);
        assertThat(createDataset(alice, "Handbook").path("id").asText()).isNotEqualTo(id);
    }

    @Test
    void manualSegmentsAreFoundByEveryStrategyInsidePayara() throws IOException {
        Session owner = api.register();
        String ds = createDataset(owner, "Mixed").path("id").asText();
        String doc = manualDocument(owner, ds);
        JsonNode lucene = addSegment(owner, ds, doc, LUCENE);
        String espresso = addSegment(owner, ds, doc, ESPRESSO).path("id").asText();
        String everest = addSegment(owner, ds, doc, EVEREST).path("id").asText();
        String beijing = addSegment(owner, ds, doc, BEIJING).path("id").asText();
        String panda = addSegment(owner, ds, doc, PANDA).path("id").asText();

        assertThat(lucene.path("position").asInt()).isZero();
        assertThat(lucene.path("keywords")).extracting(JsonNode::asText).contains("lucene");
        assertThat(lucene.path("character_count").asInt()).isEqualTo(LUCENE.length());
        assertThat(lucene.path("token_count").asInt()).isPositive();
        assertThat(lucene.path("enabled").asBoolean()).isTrue();

        // the local ONNX model ran inside Payara: no class-loading or native-library trouble in the log,
        // and DJL unpacked the tokenizer's native library under DJL_CACHE_DIR
        String log = Files.readString(LlmopsServer.log());
        assertThat(log).doesNotContain("UnsatisfiedLinkError").doesNotContain("NoClassDefFoundError: ai/djl")
                .doesNotContain("NoClassDefFoundError: ai/onnxruntime");
        try (Stream<Path> files = Files.walk(Path.of(LlmopsServer.environment().get("DJL_CACHE_DIR")))) {
            assertThat(files.map(Path::toString)).anyMatch(p -> p.contains("tokenizers"));
        }

        assertThat(hitIds(owner, ds, "How often should I descale my coffee maker?", "semantic").getFirst()).isEqualTo(espresso);
        assertThat(hitIds(owner, ds, "BM25 inverted index", "full_text").getFirst()).isEqualTo(lucene.path("id").asText());
        assertThat(hitIds(owner, ds, "Which is the highest mountain in the world?", "hybrid").getFirst()).isEqualTo(everest);
        assertThat(hitIds(owner, ds, "中国的首都", "full_text").getFirst()).isEqualTo(beijing);
        assertThat(hitIds(owner, ds, "熊猫吃什么？竹子", "hybrid").getFirst()).isEqualTo(panda);

        JsonNode hit = hit(owner, ds, "descale the espresso machine", "hybrid", 2, 0).json();
        assertThat(hit.path("retrieval_strategy").asText()).isEqualTo("hybrid");
        assertThat(hit.path("hits")).hasSizeLessThanOrEqualTo(2);
        JsonNode first = hit.path("hits").get(0);
        assertThat(first.path("segment_id").asText()).isEqualTo(espresso);
        assertThat(first.path("document_name").asText()).isEqualTo("Manual segments");
        assertThat(first.path("position").asInt()).isEqualTo(1);
        assertThat(first.path("content").asText()).isEqualTo(ESPRESSO);
        assertThat(first.path("score").asDouble()).isBetween(0.0, 1.0);

        JsonNode dataset = api.get("/api/datasets/" + ds, owner.accessToken()).json();
        assertThat(dataset.path("document_count").asLong()).isEqualTo(1);
        assertThat(dataset.path("character_count").asLong())
                .isEqualTo(Stream.of(LUCENE, ESPRESSO, EVEREST, BEIJING, PANDA).mapToInt(String::length).sum());
    }

    @Test
    void thresholdsFilterAndBadParametersAreFieldErrors() {
        Session owner = api.register();
        String ds = createDataset(owner, "Thresholds").path("id").asText();
        String doc = manualDocument(owner, ds);
        addSegment(owner, ds, doc, LUCENE);
        addSegment(owner, ds, doc, ESPRESSO);

        JsonNode some = hit(owner, ds, "coffee machine descaling", "semantic", 10, 0.2).json();
        assertThat(some.path("hits")).isNotEmpty();
        some.path("hits").forEach(h -> assertThat(h.path("score").asDouble()).isGreaterThanOrEqualTo(0.2));
        assertThat(hit(owner, ds, "coffee machine descaling", "semantic", 10, 0.99).json().path("hits")).isEmpty();
        assertThat(hit(owner, ds, "BM25", "full_text", 10, 0).json().path("hits")).hasSize(1);

        Reply bad = hit(owner, ds, "anything", "fuzzy", 11, 1.5);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("validation_failed");
        List<String> fields = new ArrayList<>();
        bad.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("k", "retrieval_strategy", "score");
        assertThat(hit(owner, ds, "anything", "semantic", 0, 0).status()).isEqualTo(400);
        assertThat(api.post("/api/datasets/" + ds + "/hit", owner.accessToken(), object("query", " ")).status()).isEqualTo(400);
    }

    @Test
    void editsReEmbedDisablingHidesDeletingRemoves() throws InterruptedException {
        Session owner = api.register();
        String ds = createDataset(owner, "Lifecycle").path("id").asText();
        String doc = manualDocument(owner, ds);
        String lucene = addSegment(owner, ds, doc, LUCENE).path("id").asText();
        String espresso = addSegment(owner, ds, doc, ESPRESSO).path("id").asText();
        String panda = addSegment(owner, ds, doc, PANDA).path("id").asText();
        String path = segmentsPath(ds, doc);

        String photosynthesis = "Photosynthesis lets plants turn sunlight, water and carbon dioxide into sugar.";
        Reply edited = api.patch(path + "/" + espresso, owner.accessToken(), object("content", photosynthesis));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("keywords")).extracting(JsonNode::asText).contains("photosynthesis");
        assertThat(hitIds(owner, ds, "espresso descaling", "full_text")).isEmpty();
        assertThat(hitIds(owner, ds, "How do plants make food from light?", "semantic").getFirst()).isEqualTo(espresso);
        assertThat(hitIds(owner, ds, "carbon dioxide sugar", "full_text")).containsExactly(espresso);

        Reply keywordsOnly = api.patch(path + "/" + lucene, owner.accessToken(),
                Api.JSON.createObjectNode().set("keywords", Api.JSON.createArrayNode().add("Search Engine")));
        assertThat(keywordsOnly.json().path("keywords")).extracting(JsonNode::asText).containsExactly("search engine");
        assertThat(keywordsOnly.json().path("content").asText()).isEqualTo(LUCENE);
        assertThat(hitIds(owner, ds, "engine", "full_text")).containsExactly(lucene);

        ObjectNode off = Api.JSON.createObjectNode().put("enabled", false);
        assertThat(api.put(path + "/" + lucene + "/enabled", owner.accessToken(), off).json().path("enabled").asBoolean()).isFalse();
        assertThat(hitIds(owner, ds, "BM25 inverted index", "full_text")).doesNotContain(lucene);
        assertThat(hitIds(owner, ds, "BM25 inverted index", "hybrid")).doesNotContain(lucene);
        api.put(path + "/" + lucene + "/enabled", owner.accessToken(), Api.JSON.createObjectNode().put("enabled", true));
        assertThat(hitIds(owner, ds, "BM25 inverted index", "full_text")).containsExactly(lucene);

        assertThat(api.delete(path + "/" + panda, owner.accessToken()).status()).isEqualTo(204);
        assertThat(hitIds(owner, ds, "熊猫 竹子", "full_text")).isEmpty();
        assertThat(api.get(path, owner.accessToken()).json().path("total").asLong()).isEqualTo(2);
        assertThat(api.get(path + "?search=bm25", owner.accessToken()).json().path("items").get(0).path("id").asText())
                .isEqualTo(lucene);

        // reindex (a batch job) rebuilds from PostgreSQL with exactly the live segments
        Reply started = api.post("/api/datasets/" + ds + "/reindex", owner.accessToken(), object());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().path("segments_total").asLong()).isEqualTo(2);
        String job = "/api/datasets/" + ds + "/reindex/" + started.json().path("execution_id").asLong();
        JsonNode reindexed = api.get(job, owner.accessToken()).json();
        for (int i = 0; i < 300 && !"completed".equals(reindexed.path("status").asText()); i++) {
            Thread.sleep(100);
            reindexed = api.get(job, owner.accessToken()).json();
        }
        assertThat(reindexed.path("status").asText()).as(reindexed.toString()).isEqualTo("completed");
        assertThat(reindexed.path("segments").asLong()).isEqualTo(2);
        Session stranger = api.register();
        assertThat(api.get(job, stranger.accessToken()).status()).isEqualTo(404);
        assertThat(api.post("/api/datasets/" + ds + "/reindex", stranger.accessToken(), object()).status()).isEqualTo(404);
        assertThat(hitIds(owner, ds, "BM25 inverted index", "full_text")).containsExactly(lucene);

        assertThat(api.delete("/api/datasets/" + ds, owner.accessToken()).status()).isEqualTo(204);
        assertThat(hit(owner, ds, "BM25", "full_text", 3, 0).status()).isEqualTo(404);
    }

    @Test
    void queriesAreRecordedAndHitsCounted() {
        Session owner = api.register();
        String ds = createDataset(owner, "Counted").path("id").asText();
        String doc = manualDocument(owner, ds);
        String lucene = addSegment(owner, ds, doc, LUCENE).path("id").asText();

        for (int i = 0; i < 12; i++) {
            hitIds(owner, ds, "BM25 query number " + i, "full_text");
        }
        JsonNode queries = api.get("/api/datasets/" + ds + "/queries", owner.accessToken()).json().path("items");
        assertThat(queries).hasSize(10);
        assertThat(queries.get(0).path("query").asText()).isEqualTo("BM25 query number 11");
        assertThat(queries.get(0).path("retrieval_strategy").asText()).isEqualTo("full_text");
        assertThat(queries.get(0).path("source").asText()).isEqualTo("hit_testing");

        JsonNode segment = api.get(segmentsPath(ds, doc), owner.accessToken()).json().path("items").get(0);
        assertThat(segment.path("id").asText()).isEqualTo(lucene);
        assertThat(segment.path("hit_count").asLong()).isEqualTo(12);
        assertThat(api.get("/api/datasets/" + ds, owner.accessToken()).json().path("hit_count").asLong()).isEqualTo(12);
        JsonNode next = hit(owner, ds, "BM25", "full_text", 1, 0).json().path("hits").get(0);
        assertThat(next.path("hit_count").asLong()).isEqualTo(13);
        // read right after the hit test: the list shows it too (written after the answer, waited for by reads)
        JsonNode listed = api.get("/api/datasets?search=Counted", owner.accessToken()).json().path("items").get(0);
        assertThat(listed.path("hit_count").asLong()).isEqualTo(13);
        assertThat(api.get("/api/datasets/" + ds + "/queries", owner.accessToken()).json().path("items").get(0)
                .path("query").asText()).isEqualTo("BM25");
        assertThat(api.get("/api/datasets/" + ds + "/queries", null).status()).isEqualTo(401);
    }

    @Test
    void theDatasetsHitCountDropsWithDeletedSegmentsAndDocuments() {
        Session owner = api.register();
        Ingestion ingestion = new Ingestion(api);
        String ds = createDataset(owner, "Shrinking").path("id").asText();
        String manual = manualDocument(owner, ds);
        String lucene = addSegment(owner, ds, manual, LUCENE).path("id").asText();
        addSegment(owner, ds, manual, ESPRESSO);
        String upload = ingestion.upload(owner, "everest.txt", EVEREST);
        String batch = ingestion.ingest(owner, ds, Ingestion.request(upload));
        JsonNode document = ingestion.awaitFinished(owner, ds, batch).path("documents").get(0);
        assertThat(document.path("status").asText()).as(document.toString()).isEqualTo("completed");
        String uploaded = document.path("id").asText();

        // every hit test finds all three segments: 3 hits each
        for (int i = 0; i < 4; i++) {
            assertThat(hitIds(owner, ds, "BM25 espresso Everest " + i, "full_text")).hasSize(3);
        }
        assertThat(api.get("/api/datasets/" + ds, owner.accessToken()).json().path("hit_count").asLong()).isEqualTo(12);

        assertThat(api.delete(segmentsPath(ds, manual) + "/" + lucene, owner.accessToken()).status()).isEqualTo(204);
        assertThat(api.get("/api/datasets/" + ds, owner.accessToken()).json().path("hit_count").asLong()).isEqualTo(8);

        hitIds(owner, ds, "Everest", "full_text");
        assertThat(api.delete("/api/datasets/" + ds + "/documents/" + uploaded, owner.accessToken()).status()).isEqualTo(204);
        JsonNode after = api.get("/api/datasets/" + ds, owner.accessToken()).json();
        assertThat(after.path("hit_count").asLong()).isEqualTo(4);
        assertThat(api.get("/api/datasets?search=Shrinking", owner.accessToken()).json().path("items").get(0)
                .path("hit_count").asLong()).isEqualTo(4);
        assertThat(api.get("/api/datasets/" + ds + "/queries", owner.accessToken()).json().path("items").get(0)
                .path("query").asText()).isEqualTo("Everest");
    }

    @Test
    void concurrentHitTestsAndDeletesLeaveTheDatasetsHitCountEqualToItsSegments() throws Exception {
        Session owner = api.register();
        Ingestion ingestion = new Ingestion(api);
        String ds = createDataset(owner, "Busy").path("id").asText();
        String manual = manualDocument(owner, ds);
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            segments.add(addSegment(owner, ds, manual, "shared words segment " + i + " about coffee").path("id").asText());
        }
        String upload = ingestion.upload(owner, "busy.txt", "shared words in an uploaded file about mountains");
        String uploaded = ingestion.awaitFinished(owner, ds, ingestion.ingest(owner, ds, Ingestion.request(upload)))
                .path("documents").get(0).path("id").asText();

        List<Thread> threads = new ArrayList<>();
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int worker = t;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 15; i++) {
                    statuses.add(hit(owner, ds, "shared words " + worker + " " + i, "full_text", 10, 0).status());
                }
            }));
        }
        threads.add(Thread.ofVirtual().start(() -> {
            for (String segment : segments.subList(0, 3)) {
                statuses.add(api.delete(segmentsPath(ds, manual) + "/" + segment, owner.accessToken()).status());
            }
            statuses.add(api.delete("/api/datasets/" + ds + "/documents/" + uploaded, owner.accessToken()).status());
        }));
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(statuses).hasSize(64).allMatch(status -> status == 200 || status == 204);

        long segmentHits = 0;
        for (JsonNode segment : api.get(segmentsPath(ds, manual) + "?page_size=100", owner.accessToken()).json().path("items")) {
            segmentHits += segment.path("hit_count").asLong();
        }
        assertThat(segmentHits).isPositive();
        assertThat(api.get("/api/datasets/" + ds, owner.accessToken()).json().path("hit_count").asLong()).isEqualTo(segmentHits);
    }

    @Test
    void aDatasetMissingFromTheIndexIsRebuiltFromPostgresqlAtItsNextSearch() throws Exception {
        Session owner = api.register();
        String ds = createDataset(owner, "Restored").path("id").asText();
        String doc = manualDocument(owner, ds);
        // a segment PostgreSQL has and the index never saw (as after losing the index directory);
        // no vector: full-text only
        String segment = UUID.randomUUID().toString();
        String content = "Quarterly revenue grew in the northern region thanks to the new warehouse.";
        try (Connection db = DriverManager.getConnection(
                LlmopsServer.baseEnvironment().get("LLMOPS_DATABASE_URL"), LlmopsServer.DB_USER,
                LlmopsServer.baseEnvironment().get("LLMOPS_DATABASE_PASSWORD"));
             PreparedStatement insert = db.prepareStatement("insert into segment (id, workspace_id, dataset_id, "
                     + "document_id, position, content, content_hash, keywords, token_count, character_count, enabled, "
                     + "hit_count, vector, created_at, updated_at) values (?::uuid, ?::uuid, ?::uuid, ?::uuid, 0, ?, ?, "
                     + "'[\"warehouse\"]'::jsonb, 12, ?, true, 0, null, now(), now())")) {
            insert.setString(1, segment);
            insert.setString(2, owner.workspaceId());
            insert.setString(3, ds);
            insert.setString(4, doc);
            insert.setString(5, content);
            insert.setString(6, "0".repeat(64));
            insert.setInt(7, content.length());
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }

        assertThat(hitIds(owner, ds, "warehouse revenue", "full_text")).containsExactly(segment);
        assertThat(Files.readString(LlmopsServer.log())).contains("Rebuilt the index of dataset " + ds + " from PostgreSQL: 1 segments");
    }
}
