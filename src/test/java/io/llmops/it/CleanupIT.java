package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import io.llmops.testing.UploadFixtures;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.llmops.it.Api.object;
import static io.llmops.testing.FakeOpenAiServer.Reply.stream;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clean-up timers of a running server (every 2 s in tests, see {@link LlmopsServer}): the test ages
 * rows in PostgreSQL past their time to live — nothing else can make them old — and watches them go over
 * HTTP and on disk, while fresh, used and still-referenced ones stay.
 */
class CleanupIT extends FakeModelAppIT {

    private static final Duration PATIENCE = Duration.ofSeconds(75);

    @Test
    void unusedUploadPastItsTimeToLiveGoesWithItsBytesWhileFreshUsedAndIconUploadsStay() throws Exception {
        Session me = api.register();
        String old = upload(me, "/api/upload-files", "old.txt", UploadFixtures.text("stale draft"));
        String fresh = upload(me, "/api/upload-files", "fresh.txt", UploadFixtures.text("just uploaded"));
        String used = upload(me, "/api/upload-files", "used.txt", UploadFixtures.text("a document's source"));
        String icon = upload(me, "/api/upload-files/image", "icon.png", UploadFixtures.png());
        Reply dataset = api.post("/api/datasets", me.accessToken(), object("name", "Iconic",
                "icon", LlmopsServer.url() + "/api/upload-files/" + icon + "/content"));
        assertThat(dataset.status()).as(dataset.body()).isEqualTo(201);
        Path oldBytes = stored(me, old);
        assertThat(oldBytes).exists();
        sql("update upload_file set used = true, used_at = now() where id = ?", used);
        sql("update upload_file set created_at = now() - interval '23 hours' where id = ?", fresh);
        for (String id : new String[] {used, icon, old}) {
            sql("update upload_file set created_at = now() - interval '25 hours' where id = ?", id);
        }

        await("the old unused upload is deleted", () -> api.get("/api/upload-files/" + old, me.accessToken()).status() == 404);

        assertThat(oldBytes).doesNotExist();
        assertThat(count("select count(*) from upload_file where id = ?", old)).isZero();
        for (String kept : new String[] {fresh, used, icon}) {
            assertThat(api.get("/api/upload-files/" + kept, me.accessToken()).status()).as(kept).isEqualTo(200);
            assertThat(stored(me, kept)).exists();
        }
        assertThat(api.get("/api/upload-files/" + icon + "/content", me.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void uploadWhoseBytesCannotBeDeletedKeepsItsRowUntilTheStorageLetsGo() throws Exception {
        Session me = api.register();
        String stuck = upload(me, "/api/upload-files", "stuck.txt", UploadFixtures.text("cannot go yet"));
        Path bytes = stored(me, stuck);
        // a non-empty directory where the file was: the storage's delete fails (as on a read-only mount)
        Files.delete(bytes);
        Files.createDirectories(bytes);
        Files.writeString(bytes.resolve("pinned"), "x");
        sql("update upload_file set created_at = now() - interval '2 days' where id = ?", stuck);

        await("the failed delete is counted", () -> metric("llmops_cleanup_deleted_total\\{[^}]*job=\"unused_uploads\"[^}]*"
                + "kind=\"file_errors\"[^}]*} [1-9]|llmops_cleanup_deleted_total\\{[^}]*kind=\"file_errors\"[^}]*"
                + "job=\"unused_uploads\"[^}]*} [1-9]"));
        assertThat(api.get("/api/upload-files/" + stuck, me.accessToken()).status()).as("row kept").isEqualTo(200);

        Files.delete(bytes.resolve("pinned"));
        Files.delete(bytes);
        await("the next run deletes the row", () -> api.get("/api/upload-files/" + stuck, me.accessToken()).status() == 404);
    }

    @Test
    void deletedDatasetIsPurgedWithItsDocumentsSegmentsAndTheUploadsOnlyItUsed() throws Exception {
        Session me = api.register();
        String doomed = dataset(me, "Doomed");
        String kept = dataset(me, "Kept");
        String recentlyDeleted = dataset(me, "Just deleted");
        String manual = manualDocument(me, doomed);
        for (String text : new String[] {"first purged segment", "second purged segment"}) {
            Reply segment = api.post("/api/datasets/" + doomed + "/documents/" + manual + "/segments", me.accessToken(),
                    object("content", text));
            assertThat(segment.status()).as(segment.body()).isEqualTo(201);
        }
        // documents made from uploads, as the ingestion makes them: one upload only the doomed dataset uses,
        // one the kept dataset uses too
        String own = upload(me, "/api/upload-files", "own.txt", UploadFixtures.text("only in the doomed dataset"));
        String shared = upload(me, "/api/upload-files", "shared.txt", UploadFixtures.text("in both datasets"));
        String ownDocument = uploadDocument(me, doomed, own, 1);
        uploadDocument(me, doomed, shared, 2);
        uploadDocument(me, kept, shared, 1);
        // a document deleted on its own from the kept dataset
        String alone = upload(me, "/api/upload-files", "alone.txt", UploadFixtures.text("a deleted document's source"));
        String aloneDocument = uploadDocument(me, kept, alone, 2);
        sql("update document set deleted_at = now() - interval '2 hours' where id = ?", aloneDocument);
        Path ownBytes = stored(me, own);
        Path aloneBytes = stored(me, alone);

        assertThat(api.delete("/api/datasets/" + doomed, me.accessToken()).status()).isEqualTo(204);
        assertThat(api.delete("/api/datasets/" + recentlyDeleted, me.accessToken()).status()).isEqualTo(204);
        assertThat(count("select count(*) from segment where dataset_id = ?", doomed)).as("rows stay until purged").isEqualTo(4);
        sql("update dataset set deleted_at = now() - interval '2 hours' where id = ?", doomed);
        sql("update document set deleted_at = now() - interval '2 hours' where dataset_id = ?", doomed);

        await("the deleted dataset is purged", () -> count("select count(*) from dataset where id = ?", doomed) == 0);

        assertThat(count("select count(*) from segment where dataset_id = ?", doomed)).isZero();
        assertThat(count("select count(*) from document where dataset_id = ?", doomed)).isZero();
        assertThat(count("select count(*) from document where id = ?", ownDocument)).isZero();
        assertThat(api.get("/api/upload-files/" + own, me.accessToken()).status()).isEqualTo(404);
        assertThat(ownBytes).doesNotExist();
        assertThat(api.get("/api/upload-files/" + shared, me.accessToken()).status()).isEqualTo(200);
        assertThat(stored(me, shared)).exists();
        assertThat(api.get("/api/datasets/" + kept, me.accessToken()).status()).isEqualTo(200);
        assertThat(count("select count(*) from document where dataset_id = ?", kept)).isEqualTo(2);
        assertThat(count("select count(*) from segment where document_id = ?", aloneDocument)).isZero();
        assertThat(count("select count(*) from segment where dataset_id = ?", kept)).isEqualTo(1);
        assertThat(api.get("/api/upload-files/" + alone, me.accessToken()).status()).isEqualTo(404);
        assertThat(aloneBytes).doesNotExist();
        assertThat(count("select count(*) from dataset where id = ?", recentlyDeleted)).as("inside the purge delay").isEqualTo(1);
        assertThat(api.get("/api/datasets/" + doomed, me.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void documentIngestedAndDeletedThroughTheApiIsPurgedWithItsUpload() throws Exception {
        Session me = api.register();
        Ingestion ingestion = new Ingestion(api);
        String ds = ingestion.dataset(me, "Handbooks");
        String upload = ingestion.upload(me, "handbook.txt", Ingestion.longText("handbook", 40));
        JsonNode done = ingestion.awaitFinished(me, ds, ingestion.ingest(me, ds, Ingestion.request(upload)));
        JsonNode document = done.path("documents").get(0);
        assertThat(document.path("status").asText()).as(done.toString()).isEqualTo("completed");
        String documentId = document.path("id").asText();
        assertThat(count("select count(*) from segment where document_id = ?", documentId)).isPositive();
        assertThat(count("select count(*) from upload_file where id = ? and used", upload)).as("marked used").isEqualTo(1);
        Path bytes = stored(me, upload);

        assertThat(api.delete("/api/datasets/" + ds + "/documents/" + documentId, me.accessToken()).status()).isEqualTo(204);
        sql("update document set deleted_at = now() - interval '2 hours' where id = ?", documentId);

        await("the deleted document is purged", () -> count("select count(*) from document where id = ?", documentId) == 0);
        assertThat(count("select count(*) from segment where document_id = ?", documentId)).isZero();
        assertThat(api.get("/api/upload-files/" + upload, me.accessToken()).status()).isEqualTo(404);
        assertThat(bytes).doesNotExist();
        assertThat(api.get("/api/datasets/" + ds, me.accessToken()).status()).as("the dataset stays").isEqualTo(200);
        assertThat(api.get("/api/datasets/" + ds + "/documents/" + documentId, me.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void debugConversationPastItsRetentionGoesWithItsMessagesWhileRecentAndPublishedOnesStay() throws Exception {
        newAppWithModel("Forgetful", "{\"model_config\":{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\"}}");
        // each turn after a reset starts a new debug conversation (the reset hides the previous one)
        String old = conversation("an old debugging session");
        String published = conversation("a user's conversation through the API");
        String recent = conversation("a recent debugging session");
        assertThat(count("select count(*) from message where conversation_id = ?", old)).isEqualTo(1);
        sql("update conversation set invoke_from = 'service_api' where id = ?", published);
        for (String id : new String[] {old, published}) {
            sql("update conversation set created_at = now() - interval '40 days', updated_at = now() - interval '31 days' "
                    + "where id = ?", id);
        }
        sql("update conversation set created_at = now() - interval '40 days', updated_at = now() - interval '29 days' "
                + "where id = ?", recent);

        await("the old debug conversation is deleted", () -> count("select count(*) from conversation where id = ?", old) == 0);

        assertThat(count("select count(*) from message where conversation_id = ?", old)).isZero();
        assertThat(api.get("/api/conversations/" + old, session.accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/conversations/" + recent, session.accessToken()).status()).isEqualTo(200);
        assertThat(count("select count(*) from message where conversation_id = ?", recent)).isEqualTo(1);
        JsonNode history = api.get("/api/apps/" + appId + "/conversations/messages", session.accessToken()).json();
        assertThat(history.path("items").findValuesAsText("query")).containsExactly("a recent debugging session");
        assertThat(count("select count(*) from conversation where id = ?", published)).isEqualTo(1);
        assertThat(count("select count(*) from message where conversation_id = ?", published)).isEqualTo(1);
    }

    @Test
    void healthAndMetricsShowEachCleanUpsLastRun() {
        await("every clean-up has run", () -> {
            JsonNode data = cleanupCheck().path("data");
            return data.has("unused_uploads.last_run") && data.has("deleted_knowledge.last_run")
                    && data.has("debug_conversations.last_run");
        });

        JsonNode check = cleanupCheck();
        assertThat(check.path("status").asText()).isEqualTo("UP");
        JsonNode data = check.path("data");
        assertThat(data.path("enabled").asBoolean()).isTrue();
        for (String job : new String[] {"unused_uploads", "deleted_knowledge", "debug_conversations"}) {
            assertThat(data.path(job + ".outcome").asText()).as(job).isIn("ok", "skipped");
            assertThat(data.path(job + ".last_worked_outcome").asText()).as(job).isEqualTo("ok");
            assertThat(java.time.Instant.parse(data.path(job + ".last_run").asText())).as(job)
                    .isAfter(java.time.Instant.now().minus(Duration.ofMinutes(5)));
        }
        Reply live = api.get("/health/live", null);
        assertThat(live.json().path("checks").findValuesAsText("name")).contains("cleanup");

        Reply metrics = api.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("llmops_cleanup_last_run_seconds\\{[^}]*job=\"unused_uploads\"")
                .containsPattern("llmops_cleanup_last_run_ok\\{[^}]*job=\"deleted_knowledge\"[^}]*} 1")
                .containsPattern("llmops_cleanup_runs_total\\{[^}]*job=\"debug_conversations\"");
    }

    @Test
    void metricsCountWhatWasDeleted() throws Exception {
        Session me = api.register();
        String old = upload(me, "/api/upload-files", "counted.txt", UploadFixtures.text("counted"));
        sql("update upload_file set created_at = now() - interval '3 days' where id = ?", old);

        await("the upload is deleted", () -> api.get("/api/upload-files/" + old, me.accessToken()).status() == 404);

        // the counters are updated when the run ends, a moment after the row is gone
        await("the deletions are counted", () -> metric("llmops_cleanup_deleted_total\\{[^}]*job=\"unused_uploads\"[^}]*} [1-9]")
                && metric("llmops_cleanup_deleted_total\\{[^}]*kind=\"files\"[^}]*} [1-9]"));
    }

    // ---- helpers

    /**
     * Whether this server's metrics, or those of the run's second instance when one is up, match: the second
     * instance (SecondInstance, started by other test classes) runs the clean-up timers too, and whichever
     * instance takes a run's advisory lock counts what that run deleted.
     */
    private boolean metric(String pattern) {
        java.util.regex.Pattern wanted = java.util.regex.Pattern.compile(pattern);
        if (wanted.matcher(api.get("/metrics", null).body()).find()) {
            return true;
        }
        return SecondInstance.get() != null
                && wanted.matcher(new Api(SecondInstance.url()).get("/metrics", null).body()).find();
    }

    private JsonNode cleanupCheck() {
        Reply health = api.get("/health", null);
        for (JsonNode check : health.json().path("checks")) {
            if (check.path("name").asText().equals("cleanup")) {
                return check;
            }
        }
        return Api.JSON.createObjectNode();
    }

    /** One turn in a fresh debug conversation. */
    private String conversation(String query) {
        assertThat(api.delete("/api/apps/" + appId + "/conversations", session.accessToken()).status()).isIn(200, 204);
        fake.enqueue(stream("Noted."));
        Reply reply = api.post("/api/apps/" + appId + "/conversations", session.accessToken(),
                object("query", query, "response_mode", "blocking"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("conversation_id").asText();
    }

    private String dataset(Session me, String name) {
        Reply reply = api.post("/api/datasets", me.accessToken(), object("name", name));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    private String manualDocument(Session me, String datasetId) {
        Reply reply = api.get("/api/datasets/" + datasetId + "/documents", me.accessToken());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("items").get(0).path("id").asText();
    }

    /** A completed document made from an upload, with one segment, written as the ingestion writes them. */
    private static String uploadDocument(Session me, String datasetId, String uploadId, int position) throws Exception {
        String documentId = UUID.randomUUID().toString();
        sql("insert into document (id, workspace_id, dataset_id, name, source, upload_file_id, status, position, "
                        + "created_at, updated_at) values (?::uuid, ?::uuid, ?::uuid, 'from upload', 'upload', ?::uuid, "
                        + "'completed', ?::int, now(), now())",
                documentId, me.workspaceId(), datasetId, uploadId, String.valueOf(position));
        sql("insert into segment (id, workspace_id, dataset_id, document_id, position, content, content_hash, keywords, "
                        + "token_count, character_count, created_at, updated_at) values (?::uuid, ?::uuid, ?::uuid, ?::uuid, 0, "
                        + "'ingested text', repeat('a', 64), '[]', 2, 13, now(), now())",
                UUID.randomUUID().toString(), me.workspaceId(), datasetId, documentId);
        sql("update upload_file set used = true, used_at = now() where id = ?::uuid", uploadId);
        return documentId;
    }

    private String upload(Session me, String path, String fileName, byte[] content) {
        UploadFilesIT.Multipart body = UploadFilesIT.Multipart.of(fileName, content);
        Reply reply = api.send(api.request(path, me.accessToken()).version(java.net.http.HttpClient.Version.HTTP_1_1)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    private static Path stored(Session me, String uploadId) throws Exception {
        return LlmopsServer.storageRoot().resolve("uploads").resolve(me.workspaceId()).resolve(uploadId);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for: %s", PATIENCE, what).isLessThan(deadline);
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Runs a statement whose parameters are strings (UUID parameters cast in SQL, or a plain {@code = ?} on a uuid column). */
    private static void sql(String statement, String... parameters) throws Exception {
        try (Connection db = db(); PreparedStatement update = db.prepareStatement(statement)) {
            bind(update, parameters);
            update.executeUpdate();
        }
    }

    private static long count(String query, String... parameters) {
        try (Connection db = db(); PreparedStatement select = db.prepareStatement(query)) {
            bind(select, parameters);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement statement, String... parameters) throws Exception {
        for (int i = 0; i < parameters.length; i++) {
            String value = parameters[i];
            if (value.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                statement.setObject(i + 1, UUID.fromString(value));
            } else {
                statement.setString(i + 1, value);
            }
        }
    }

    private static Connection db() throws Exception {
        Map<String, String> env = LlmopsServer.baseEnvironment();
        return DriverManager.getConnection(env.get("LLMOPS_DATABASE_URL"), env.get("LLMOPS_DATABASE_USER"),
                env.get("LLMOPS_DATABASE_PASSWORD"));
    }
}
