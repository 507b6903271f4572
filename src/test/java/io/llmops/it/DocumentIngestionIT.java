package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import io.llmops.testing.UploadFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.llmops.it.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documents ingested by the Jakarta Batch job, over HTTP: uploads (English txt, Chinese md) become
 * segments with progress per batch and are found by hit testing; custom rules; a failing document
 * beside a good one, and retry; pause and resume; rename, disable, delete; workspace isolation;
 * hostile requests; and a document left half-written by a "dead" instance (stale heartbeat, partial
 * segments, a lease that still blocks for a while) that the reconciler relaunches and finishes with
 * exactly the expected segments.
 */
@ExtendWith(LlmopsServer.class)
class DocumentIngestionIT {

    static final String ENGLISH = """
            Warehouse safety handbook.

            Forklifts must be inspected before every shift, and operators wear high-visibility vests at all times.

            Pallets are stacked no higher than three levels. Damaged pallets go to the repair bay behind dock four.

            Fire drills happen every quarter; the assembly point is the north parking lot.
            """;
    static final String CHINESE = """
            # 熊猫保护手册

            大熊猫主要生活在四川的竹林里，以竹子为食。每只成年熊猫每天要吃十多公斤竹子。

            保护区的巡护员每周记录竹林的生长情况，并监测野生熊猫的活动范围。

            游客不得投喂熊猫，也不得在保护区内使用无人机。
            """;

    private final Api api = new Api();
    private final Ingestion ingestion = new Ingestion(api);

    private String path(String datasetId, String documentId) {
        return "/api/datasets/" + datasetId + "/documents/" + documentId;
    }

    @Test
    void uploadsBecomeSegmentsWithProgressAndAreFoundByHitTesting() {
        Session owner = api.register();
        String ds = ingestion.dataset(owner, "handbooks");
        String txt = ingestion.upload(owner, "safety.txt", ENGLISH);
        String md = ingestion.upload(owner, "熊猫.md", CHINESE);

        Reply created = ingestion.create(owner, ds, Ingestion.request(txt, md));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String batch = created.json().path("batch").asText();
        assertThat(created.json().path("documents")).hasSize(2);
        assertThat(created.json().path("documents").get(0).path("name").asText()).isEqualTo("safety.txt");
        assertThat(created.json().path("documents").get(1).path("name").asText()).isEqualTo("熊猫.md");

        JsonNode done = ingestion.awaitFinished(owner, ds, batch);
        for (JsonNode doc : done.path("documents")) {
            assertThat(doc.path("status").asText()).as(doc.toString()).isEqualTo("completed");
            assertThat(doc.path("segment_count").asInt()).isPositive().isEqualTo(doc.path("segments_total").asInt());
            assertThat(doc.path("character_count").asLong()).isPositive();
            assertThat(doc.path("error").isNull() || doc.path("error").isMissingNode()).isTrue();
            Instant started = Instant.parse(doc.path("processing_started_at").asText());
            Instant parsed = Instant.parse(doc.path("parsing_completed_at").asText());
            Instant split = Instant.parse(doc.path("splitting_completed_at").asText());
            Instant completed = Instant.parse(doc.path("completed_at").asText());
            assertThat(started).isBeforeOrEqualTo(parsed);
            assertThat(parsed).isBeforeOrEqualTo(split);
            assertThat(split).isBeforeOrEqualTo(completed);

            List<JsonNode> segments = ingestion.segments(owner, ds, doc.path("id").asText());
            assertThat(Ingestion.positions(segments)).isEqualTo(IntStream.range(0, segments.size()).boxed().toList());
            assertThat(segments).hasSize(doc.path("segment_count").asInt());
            assertThat(segments).allSatisfy(s -> assertThat(s.path("keywords")).isNotEmpty());
        }
        String txtDoc = done.path("documents").get(0).path("id").asText();
        String mdDoc = done.path("documents").get(1).path("id").asText();
        assertThat(String.join(" ", Ingestion.contents(ingestion.segments(owner, ds, mdDoc)))).contains("大熊猫主要生活在四川的竹林里");

        assertThat(ingestion.hitDocuments(owner, ds, "forklift inspection before the shift", "semantic").getFirst()).isEqualTo(txtDoc);
        assertThat(ingestion.hitDocuments(owner, ds, "熊猫吃竹子", "full_text").getFirst()).isEqualTo(mdDoc);

        // the dataset counts them; the list shows them with their progress
        JsonNode dataset = api.get("/api/datasets/" + ds, owner.accessToken()).json();
        assertThat(dataset.path("document_count").asInt()).isEqualTo(2);
        JsonNode list = api.get("/api/datasets/" + ds + "/documents?search=safety", owner.accessToken()).json();
        assertThat(list.path("total").asInt()).isEqualTo(1);
        assertThat(list.path("items").get(0).path("status").asText()).isEqualTo("completed");

        // an upload feeds one document only
        Reply again = ingestion.create(owner, ds, Ingestion.request(txt));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("errors").get(0).path("field").asText()).isEqualTo("upload_file_ids[0]");
        assertThat(again.json().path("errors").get(0).path("message").asText()).contains("already used");
    }

    @Test
    void customRuleSetsTheSegmentSizeAndCleansTheText() {
        Session owner = api.register();
        String ds = ingestion.dataset(owner, "custom");
        String text = Ingestion.longText("harbour", 60) + "\n\nQuestions go to ops@example.com or https://intranet.example.com/ops today.";
        String auto = ingestion.upload(owner, "auto.txt", text);
        String small = ingestion.upload(owner, "small.txt", text);

        String autoBatch = ingestion.ingest(owner, ds, Ingestion.request(auto));
        String smallBatch = ingestion.ingest(owner, ds, Ingestion.custom(Ingestion.request(small), 60, 10,
                "remove_url_and_email", "remove_extra_space"));
        JsonNode autoDoc = ingestion.awaitFinished(owner, ds, autoBatch).path("documents").get(0);
        JsonNode smallDoc = ingestion.awaitFinished(owner, ds, smallBatch).path("documents").get(0);
        assertThat(smallDoc.path("status").asText()).isEqualTo("completed");

        List<JsonNode> autoSegments = ingestion.segments(owner, ds, autoDoc.path("id").asText());
        List<JsonNode> smallSegments = ingestion.segments(owner, ds, smallDoc.path("id").asText());
        assertThat(smallSegments.size()).isGreaterThan(autoSegments.size() * 2);
        assertThat(smallSegments).allSatisfy(s -> assertThat(s.path("token_count").asInt()).isLessThanOrEqualTo(60));
        assertThat(autoSegments).allSatisfy(s -> assertThat(s.path("token_count").asInt()).isLessThanOrEqualTo(200));
        assertThat(String.join(" ", Ingestion.contents(smallSegments))).doesNotContain("ops@example.com", "https://");
        assertThat(String.join(" ", Ingestion.contents(autoSegments))).contains("ops@example.com", "https://intranet.example.com/ops");
    }

    @Test
    void aFailingDocumentFailsAloneAndRetryRunsItAgain() throws Exception {
        Session owner = api.register();
        String ds = ingestion.dataset(owner, "failures");
        String blank = ingestion.upload(owner, "blank.txt", " \n\t\n   \n");
        String good = ingestion.upload(owner, "good.txt", ENGLISH);
        String lost = ingestion.upload(owner, "lost.txt", CHINESE);
        // the stored bytes of one upload disappear before it is ingested
        Path lostFile = LlmopsServer.storageRoot().resolve(storageKey(lost));
        Path kept = Files.move(lostFile, lostFile.resolveSibling("kept-aside"));

        String batch = ingestion.ingest(owner, ds, Ingestion.request(blank, good, lost));
        JsonNode view = ingestion.awaitFinished(owner, ds, batch);
        JsonNode blankDoc = view.path("documents").get(0);
        JsonNode goodDoc = view.path("documents").get(1);
        JsonNode lostDoc = view.path("documents").get(2);
        assertThat(blankDoc.path("status").asText()).isEqualTo("error");
        assertThat(blankDoc.path("error").asText()).contains("no text");
        assertThat(goodDoc.path("status").asText()).isEqualTo("completed");
        assertThat(lostDoc.path("status").asText()).isEqualTo("error");
        assertThat(lostDoc.path("error").asText()).contains("gone");

        // only a failed document can be retried
        assertThat(api.post(path(ds, goodDoc.path("id").asText()) + "/retry", owner.accessToken(), "{}").code())
                .isEqualTo("document_not_failed");

        Files.move(kept, lostFile);
        Reply retried = api.post(path(ds, lostDoc.path("id").asText()) + "/retry", owner.accessToken(), "{}");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().path("error").isMissingNode() || retried.json().path("error").isNull()).isTrue();
        JsonNode after = ingestion.await(owner, ds, batch, d -> !List.of("waiting", "parsing", "splitting", "indexing")
                .contains(d.path("status").asText()), Duration.ofMinutes(2));
        assertThat(after.path("documents").get(2).path("status").asText()).isEqualTo("completed");
        assertThat(after.path("documents").get(0).path("status").asText()).isEqualTo("error");
        assertThat(ingestion.segments(owner, ds, lostDoc.path("id").asText())).isNotEmpty();
    }

    @Test
    void pauseStopsAtACheckpointAndResumeFinishesWithoutDuplicates() {
        Session owner = api.register();
        String ds = ingestion.dataset(owner, "pausing");
        String upload = ingestion.upload(owner, "big.txt", Ingestion.longText("pause", 800));
        String batch = ingestion.ingest(owner, ds, Ingestion.custom(Ingestion.request(upload), 50, 0));
        String doc = ingestion.batch(owner, ds, batch).path("documents").get(0).path("id").asText();

        ingestion.await(owner, ds, batch, d -> d.path("segment_count").asInt() > 0, Duration.ofMinutes(2));
        Reply paused = api.post(path(ds, doc) + "/pause", owner.accessToken(), "{}");
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().path("status").asText()).isEqualTo("paused");

        // the job stops at its next checkpoint: the count stops moving below the total
        int settled = settledCount(owner, ds, doc);
        JsonNode stopped = ingestion.document(owner, ds, doc);
        assertThat(stopped.path("status").asText()).isEqualTo("paused");
        assertThat(settled).isLessThan(stopped.path("segments_total").asInt());
        assertThat(api.post(path(ds, doc) + "/pause", owner.accessToken(), "{}").code()).isEqualTo("document_not_running");
        // positions belong to the job until the document is completed
        assertThat(api.post(path(ds, doc) + "/segments", owner.accessToken(), object("content", "typed in")).code())
                .isEqualTo("document_not_ready");

        Reply resumed = api.post(path(ds, doc) + "/resume", owner.accessToken(), "{}");
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        JsonNode done = ingestion.awaitFinished(owner, ds, batch).path("documents").get(0);
        assertThat(done.path("status").asText()).isEqualTo("completed");
        List<JsonNode> segments = ingestion.segments(owner, ds, doc);
        assertThat(segments).hasSize(done.path("segments_total").asInt());
        assertThat(Ingestion.positions(segments)).isEqualTo(IntStream.range(0, segments.size()).boxed().toList());
        assertThat(new HashSet<>(Ingestion.contents(segments))).hasSize(segments.size());
        assertThat(api.post(path(ds, doc) + "/resume", owner.accessToken(), "{}").code()).isEqualTo("document_not_paused");
    }

    private int settledCount(Session owner, String ds, String doc) {
        int last = -1;
        for (int same = 0; same < 5; ) {
            Ingestion.sleep(400);
            int count = ingestion.document(owner, ds, doc).path("segment_count").asInt();
            same = count == last ? same + 1 : 0;
            last = count;
        }
        return last;
    }

    @Test
    void renamedDisabledAndDeletedDocuments() {
        Session owner = api.register();
        String ds = ingestion.dataset(owner, "lifecycle");
        String upload = ingestion.upload(owner, "safety.txt", ENGLISH);
        String batch = ingestion.ingest(owner, ds, Ingestion.request(upload));
        String doc = ingestion.awaitFinished(owner, ds, batch).path("documents").get(0).path("id").asText();
        String query = "where do damaged pallets go";
        assertThat(ingestion.hitDocuments(owner, ds, query, "hybrid")).contains(doc);

        Reply renamed = api.patch(path(ds, doc), owner.accessToken(), object("name", "Safety handbook 2026"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(ingestion.document(owner, ds, doc).path("name").asText()).isEqualTo("Safety handbook 2026");
        assertThat(api.patch(path(ds, doc), owner.accessToken(), object("name", "  ")).status()).isEqualTo(400);

        ObjectNode off = Api.JSON.createObjectNode().put("enabled", false);
        assertThat(api.put(path(ds, doc) + "/enabled", owner.accessToken(), off).json().path("enabled").asBoolean()).isFalse();
        assertThat(ingestion.hitDocuments(owner, ds, query, "hybrid")).doesNotContain(doc);
        ObjectNode on = Api.JSON.createObjectNode().put("enabled", true);
        assertThat(api.put(path(ds, doc) + "/enabled", owner.accessToken(), on).status()).isEqualTo(200);
        assertThat(ingestion.hitDocuments(owner, ds, query, "hybrid")).contains(doc);

        assertThat(api.delete(path(ds, doc), owner.accessToken()).status()).isEqualTo(204);
        assertThat(ingestion.hitDocuments(owner, ds, query, "hybrid")).doesNotContain(doc);
        assertThat(api.get(path(ds, doc), owner.accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/datasets/" + ds + "/documents?search=safety", owner.accessToken()).json().path("total").asInt())
                .isZero();
    }

    @Test
    void anotherWorkspaceSeesNothing() {
        Session owner = api.register();
        Session stranger = api.register();
        String ds = ingestion.dataset(owner, "private");
        String upload = ingestion.upload(owner, "safety.txt", ENGLISH);
        String batch = ingestion.ingest(owner, ds, Ingestion.request(upload));
        String doc = ingestion.awaitFinished(owner, ds, batch).path("documents").get(0).path("id").asText();

        String token = stranger.accessToken();
        assertThat(api.get(path(ds, doc), token).status()).isEqualTo(404);
        assertThat(api.get("/api/datasets/" + ds + "/documents/batch/" + batch, token).status()).isEqualTo(404);
        assertThat(api.patch(path(ds, doc), token, object("name", "mine")).status()).isEqualTo(404);
        assertThat(api.post(path(ds, doc) + "/pause", token, "{}").status()).isEqualTo(404);
        assertThat(api.post(path(ds, doc) + "/retry", token, "{}").status()).isEqualTo(404);
        assertThat(api.put(path(ds, doc) + "/enabled", token, Api.JSON.createObjectNode().put("enabled", false)).status())
                .isEqualTo(404);
        assertThat(api.delete(path(ds, doc), token).status()).isEqualTo(404);
        assertThat(ingestion.create(stranger, ds, Ingestion.request(upload)).status()).isEqualTo(404);

        // the stranger's own dataset cannot take the owner's upload either
        String theirs = ingestion.dataset(stranger, "theirs");
        String fresh = ingestion.upload(owner, "fresh.txt", ENGLISH);
        Reply foreign = ingestion.create(stranger, theirs, Ingestion.request(fresh));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().path("errors").get(0).path("message").asText()).contains("not an upload file of this workspace");
        assertThat(ingestion.document(owner, ds, doc).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void hostileRequestsAreRefusedWithTheirFields() {
        Session owner = api.register();
        String ds = ingestion.dataset(owner, "hostile");
        String upload = ingestion.upload(owner, "a.txt", ENGLISH);
        String image = ingestionImage(owner);

        assertField(ingestion.create(owner, ds, Ingestion.custom(Ingestion.request(upload), 10, 0)), "rule.segment.chunk_size");
        assertField(ingestion.create(owner, ds, Ingestion.custom(Ingestion.request(upload), 2001, 0)), "rule.segment.chunk_size");
        assertField(ingestion.create(owner, ds, Ingestion.custom(Ingestion.request(upload), 100, 100)), "rule.segment.chunk_overlap");
        assertField(ingestion.create(owner, ds, Ingestion.request(upload).put("process_type", "custom")), "rule.segment");
        assertField(ingestion.create(owner, ds, Ingestion.request(upload).put("process_type", "magic")), "process_type");
        assertField(ingestion.create(owner, ds, Ingestion.request(upload, upload)), "upload_file_ids[1]");
        assertField(ingestion.create(owner, ds, Ingestion.request(UUID.randomUUID().toString())), "upload_file_ids[0]");
        assertField(ingestion.create(owner, ds, Ingestion.request(image)), "upload_file_ids[0]");
        assertField(ingestion.create(owner, ds, Ingestion.request()), "upload_file_ids");
        String[] many = new String[21];
        java.util.Arrays.fill(many, upload);
        assertField(ingestion.create(owner, ds, Ingestion.request(many)), "upload_file_ids");
        ObjectNode badRule = Ingestion.custom(Ingestion.request(upload), 100, 0);
        ((ObjectNode) badRule.path("rule")).putArray("pre_process_rules").addObject().put("id", "rm -rf").put("enabled", true);
        assertField(ingestion.create(owner, ds, badRule), "rule.pre_process_rules.id"); // the validation mapper names list elements without their index
        assertThat(ingestion.create(owner, ds, "{\"upload_file_ids\": [\"not-a-uuid\"]}").status()).isEqualTo(400);

        // nothing was created and the upload is still free
        assertThat(api.get("/api/datasets/" + ds + "/documents", owner.accessToken()).json().path("total").asInt()).isEqualTo(1);
        assertThat(ingestion.create(owner, ds, Ingestion.request(upload)).status()).isEqualTo(201);
        assertThat(api.get("/api/datasets/" + ds + "/documents/batch/../../x", owner.accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/datasets/" + ds + "/documents/batch/20260101000000deadbeef", owner.accessToken()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/datasets/" + ds + "/documents/batch/x'or'1'='1", owner.accessToken()).status()).isEqualTo(404);
    }

    private String ingestionImage(Session owner) {
        UploadFilesIT.Multipart body = UploadFilesIT.Multipart.of("icon.png", UploadFixtures.png());
        Reply reply = api.send(api.request("/api/upload-files/image", owner.accessToken())
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .header("Content-Type", body.contentType())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    private static void assertField(Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("validation_failed");
        List<String> fields = new ArrayList<>();
        reply.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).as(reply.body()).contains(field);
    }

    /**
     * A crash mid-indexing, as a dead instance leaves it: status indexing, the second half of the
     * segments missing, the stage files gone, a heartbeat long stale and the dead instance's Redis
     * lease still alive for a few seconds. The reconciler must wait for the lease, then relaunch, and
     * the document must end with exactly the segments of the first run — same positions, contents, ids.
     */
    @Test
    void aDocumentLeftHalfWrittenIsRelaunchedAndEndsWithExactlyTheExpectedSegments() throws Exception {
        Session owner = api.register();
        String ds = ingestion.dataset(owner, "crash");
        String upload = ingestion.upload(owner, "crash.txt", Ingestion.longText("crash", 200));
        String batch = ingestion.ingest(owner, ds, Ingestion.custom(Ingestion.request(upload), 50, 10));
        JsonNode first = ingestion.awaitFinished(owner, ds, batch).path("documents").get(0);
        assertThat(first.path("status").asText()).isEqualTo("completed");
        String doc = first.path("id").asText();
        List<JsonNode> expected = ingestion.segments(owner, ds, doc);
        int total = expected.size();
        assertThat(total).isGreaterThan(20);
        int kept = total / 2;

        try (Connection db = Ingestion.db()) {
            try (PreparedStatement cut = db.prepareStatement("delete from segment where document_id = ?::uuid and position >= ?")) {
                cut.setString(1, doc);
                cut.setInt(2, kept);
                assertThat(cut.executeUpdate()).isEqualTo(total - kept);
            }
            try (PreparedStatement crash = db.prepareStatement("update document set status = 'indexing', segment_count = ?, "
                    + "completed_at = null, heartbeat_at = now() - interval '1 hour' where id = ?::uuid")) {
                crash.setInt(1, kept);
                crash.setString(2, doc);
                assertThat(crash.executeUpdate()).isEqualTo(1);
            }
        }
        long cachedVectors = embeddingCacheRows();
        // the dead instance's lease: nobody may take the document before it expires
        try (var jedis = new redis.clients.jedis.JedisPooled(java.net.URI.create(LlmopsServer.REDIS_URL))) {
            jedis.set("llmops:ingest:" + doc, "dead-instance", redis.clients.jedis.params.SetParams.setParams().px(6000));
        }
        Ingestion.sleep(4000);
        assertThat(ingestion.document(owner, ds, doc).path("status").asText()).isEqualTo("indexing");
        assertThat(ingestion.document(owner, ds, doc).path("segment_count").asInt()).isEqualTo(kept);

        JsonNode done = ingestion.await(owner, ds, batch, d -> "completed".equals(d.path("status").asText()),
                Duration.ofMinutes(2)).path("documents").get(0);
        assertThat(done.path("segment_count").asInt()).isEqualTo(total);
        assertThat(done.path("segments_total").asInt()).isEqualTo(total);
        List<JsonNode> segments = ingestion.segments(owner, ds, doc);
        assertThat(Ingestion.positions(segments)).isEqualTo(Ingestion.positions(expected));
        assertThat(Ingestion.contents(segments)).isEqualTo(Ingestion.contents(expected));
        assertThat(segments.stream().map(s -> s.path("id").asText()).toList())
                .isEqualTo(expected.stream().map(s -> s.path("id").asText()).toList());
        try (Connection db = Ingestion.db();
             PreparedStatement count = db.prepareStatement("select count(*), count(distinct position) from segment where document_id = ?::uuid")) {
            count.setString(1, doc);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(total);
                assertThat(row.getInt(2)).isEqualTo(total);
            }
        }
        // the second half's texts were embedded by the first run: the relaunch found them all in the cache
        assertThat(embeddingCacheRows()).isEqualTo(cachedVectors);
        // the relaunched second half is in the index too
        String lastWords = Ingestion.contents(expected).getLast();
        assertThat(ingestion.hitDocuments(owner, ds, lastWords, "full_text")).contains(doc);
    }

    private static long embeddingCacheRows() throws Exception {
        try (Connection db = Ingestion.db();
             PreparedStatement query = db.prepareStatement("select count(*) from embedding_cache");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String storageKey(String uploadId) throws Exception {
        try (Connection db = Ingestion.db();
             PreparedStatement query = db.prepareStatement("select storage_key from upload_file where id = ?::uuid")) {
            query.setString(1, uploadId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }
}
