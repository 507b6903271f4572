package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Session;
import io.llmops.launcher.PayaraServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server killed (SIGKILL) in the middle of ingesting a document: its batch execution dies with it,
 * its Redis lease and heartbeat run out, and the other instance on the same PostgreSQL and Redis
 * relaunches the document, which ends with exactly the segments an uninterrupted run cuts — one per
 * position, none missing, none twice.
 */
@ExtendWith(LlmopsServer.class)
class IngestionRestartIT {

    private static PayaraServer doomed;
    private final Api api = new Api();
    private final Ingestion ingestion = new Ingestion(api);

    @BeforeAll
    static void startASecondInstance() throws Exception {
        Map<String, String> env = new HashMap<>(LlmopsServer.environment());
        // its own index directory: Lucene locks one per instance
        env.put("LLMOPS_KNOWLEDGE_INDEX_DIR", Files.createTempDirectory(LlmopsServer.workDir(), "doomed-index-").toString());
        doomed = PayaraServer.start(PayaraServer.Layout.fromSystemProperties(), LlmopsServer.freePort(), env,
                LlmopsServer.workDir().resolve("doomed-instance.log"), List.of());
        doomed.awaitReady(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stopIt() {
        if (doomed != null) {
            doomed.close();
        }
    }

    @Test
    void aDocumentWhoseServerWasKilledMidIngestionIsFinishedByTheOtherWithExactlyTheExpectedSegments() throws Exception {
        Api other = new Api(doomed.baseUrl());
        Ingestion onDoomed = new Ingestion(other);
        Session owner = api.register();
        String ds = ingestion.dataset(owner, "restart");
        String text = Ingestion.longText("restart", 1500);
        String control = ingestion.upload(owner, "control.txt", text);
        String victim = onDoomed.upload(owner, "victim.txt", text);

        String batch = onDoomed.ingest(owner, ds, Ingestion.custom(Ingestion.request(victim), 50, 10));
        JsonNode started = onDoomed.await(owner, ds, batch, d -> d.path("segment_count").asInt() >= 20, Duration.ofMinutes(3))
                .path("documents").get(0);
        String doc = started.path("id").asText();
        int total = started.path("segments_total").asInt();
        doomed.process().destroyForcibly().waitFor();
        int atKill = ingestion.document(owner, ds, doc).path("segment_count").asInt();
        assertThat(atKill).as("killed mid-ingestion").isBetween(20, total - 1);
        assertThat(ingestion.document(owner, ds, doc).path("status").asText()).isEqualTo("indexing");

        JsonNode done = ingestion.await(owner, ds, batch, d -> "completed".equals(d.path("status").asText()),
                Duration.ofMinutes(5)).path("documents").get(0);
        assertThat(done.path("segment_count").asInt()).isEqualTo(total);
        // relaunched by a surviving instance: this run's main server, or MultiInstanceIT's second one when it is up
        Path second = LlmopsServer.workDir().resolve("second-instance.log");
        String survivors = Files.readString(LlmopsServer.log()) + (Files.exists(second) ? Files.readString(second) : "");
        assertThat(survivors).contains("Relaunched the ingestion of document " + doc);

        // an uninterrupted run of the same file and rule on this instance cuts the same segments
        String controlBatch = ingestion.ingest(owner, ds, Ingestion.custom(Ingestion.request(control), 50, 10));
        JsonNode controlDoc = ingestion.awaitFinished(owner, ds, controlBatch).path("documents").get(0);
        assertThat(controlDoc.path("status").asText()).isEqualTo("completed");
        List<JsonNode> expected = ingestion.segments(owner, ds, controlDoc.path("id").asText());
        List<JsonNode> segments = ingestion.segments(owner, ds, doc);
        assertThat(segments).hasSize(total).hasSameSizeAs(expected);
        assertThat(Ingestion.positions(segments)).isEqualTo(IntStream.range(0, total).boxed().toList());
        assertThat(Ingestion.contents(segments)).isEqualTo(Ingestion.contents(expected));
        try (Connection db = Ingestion.db();
             PreparedStatement count = db.prepareStatement("select count(*), count(distinct position), min(position), "
                     + "max(position), count(vector) from segment where document_id = ?::uuid")) {
            count.setString(1, doc);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(total);
                assertThat(row.getInt(2)).isEqualTo(total);
                assertThat(row.getInt(3)).isZero();
                assertThat(row.getInt(4)).isEqualTo(total - 1);
                assertThat(row.getInt(5)).as("every segment embedded").isEqualTo(total);
            }
        }
    }
}
