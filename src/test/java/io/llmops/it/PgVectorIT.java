package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmops.it.Api.Reply;
import io.llmops.it.Api.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.llmops.it.Api.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The run's second instance ({@link SecondInstance}) runs with {@code LLMOPS_KNOWLEDGE_INDEX=pgvector}
 * beside the first's Lucene, on the same database: hit testing over HTTP is served from the shared
 * pgvector table, a dataset written through the other instance is rebuilt into it from the segment
 * table automatically, writes and deletes through it reach it, another workspace neither sees nor
 * crowds out, and no local index directory is made. Skipped, with the reason, where the IT database has
 * no pgvector (V10 then created no table; server-config/install-pgvector.sh installs it).
 */
@ExtendWith({LlmopsServer.class, SecondInstance.class})
class PgVectorIT {

    static final String ESPRESSO = "To descale the espresso machine, run a citric acid solution through the group head.";
    static final String EVEREST = "Mount Everest is the highest mountain on Earth, 8,849 metres above sea level.";
    static final String PANDA = "大熊猫主要生活在四川的竹林里，以竹子为食。";

    private final Api lucene = new Api();
    private static Api other;
    private static Path log;
    private static Path unusedIndexDir;

    @BeforeAll
    static void pgvectorInstance() {
        SecondInstance.Started second = SecondInstance.get();
        assumeTrue(second.pgvectorSkipReason() == null, () -> "pgvector IT skipped: " + second.pgvectorSkipReason());
        other = new Api(second.server().baseUrl());
        log = second.log();
        unusedIndexDir = second.indexDir();
    }

    private String dataset(Api api, Session session, String name) {
        Reply reply = api.post("/api/datasets", session.accessToken(), object("name", name));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    private String manualDocument(Api api, Session session, String datasetId) {
        return api.get("/api/datasets/" + datasetId + "/documents", session.accessToken()).json()
                .path("items").get(0).path("id").asText();
    }

    private String addSegment(Api api, Session session, String datasetId, String documentId, String content) {
        Reply reply = api.post("/api/datasets/" + datasetId + "/documents/" + documentId + "/segments",
                session.accessToken(), object("content", content));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asText();
    }

    private List<String> hits(Session session, String datasetId, String query, String strategy) {
        ObjectNode body = object("query", query, "retrieval_strategy", strategy);
        body.put("k", 5).put("score", 0);
        Reply reply = other.post("/api/datasets/" + datasetId + "/hit", session.accessToken(), body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode hit : reply.json().path("hits")) {
            assertThat(hit.path("score").asDouble()).isBetween(0.0, 1.0);
            ids.add(hit.path("segment_id").asText());
        }
        return ids;
    }

    @Test
    void hitTestingRunsOnPgVectorAndRebuildsWhatTheOtherInstanceWrote() throws Exception {
        Session owner = lucene.register();
        String ds = dataset(lucene, owner, "Shared index");
        String doc = manualDocument(lucene, owner, ds);
        String espresso = addSegment(lucene, owner, ds, doc, ESPRESSO);
        String everest = addSegment(lucene, owner, ds, doc, EVEREST);
        String panda = addSegment(lucene, owner, ds, doc, PANDA);

        // written through the Lucene instance only: the pgvector instance loads it from PostgreSQL first
        assertThat(hits(owner, ds, "Which is the highest mountain in the world?", "semantic").getFirst()).isEqualTo(everest);
        assertThat(Files.readString(log)).contains("Rebuilt the index of dataset " + ds + " from PostgreSQL: 3 segments");
        assertThat(hits(owner, ds, "descaling espresso", "full_text")).containsExactly(espresso);
        assertThat(hits(owner, ds, "熊猫吃什么？竹子", "hybrid").getFirst()).isEqualTo(panda);
        assertThat(hits(owner, ds, "'; drop table pgvector_segment; -- & | !", "hybrid")).isNotNull();

        // writes and deletes through the pgvector instance reach its index at once
        String manual = addSegment(other, owner, ds, doc, "Rollback restores the previously published app version.");
        assertThat(hits(owner, ds, "rollback published version", "full_text")).containsExactly(manual);
        assertThat(other.delete("/api/datasets/" + ds + "/documents/" + doc + "/segments/" + manual, owner.accessToken())
                .status()).isEqualTo(204);
        assertThat(hits(owner, ds, "rollback published version", "full_text")).isEmpty();

        assertThat(unusedIndexDir).as("pgvector needs no local index directory").doesNotExist();
        assertThat(Files.readString(log)).contains("Segment index: pgvector");
    }

    @Test
    void anotherWorkspaceNeverSeesOrCrowdsOut() {
        Session alice = lucene.register();
        Session bob = lucene.register();
        String mine = dataset(other, alice, "Mine");
        String theirs = dataset(other, bob, "Theirs");
        String myDoc = manualDocument(other, alice, mine);
        String theirDoc = manualDocument(other, bob, theirs);
        String myEverest = addSegment(other, alice, mine, myDoc, EVEREST);
        for (int i = 0; i < 3; i++) {
            addSegment(other, bob, theirs, theirDoc, EVEREST + " Copy " + i + ".");
        }
        for (String strategy : List.of("semantic", "full_text", "hybrid")) {
            assertThat(hits(alice, mine, "highest mountain Everest", strategy)).as(strategy).containsExactly(myEverest);
        }
        ObjectNode body = object("query", "Everest", "retrieval_strategy", "hybrid");
        assertThat(other.post("/api/datasets/" + theirs + "/hit", alice.accessToken(), body).status()).isEqualTo(404);
        assertThat(other.delete("/api/datasets/" + mine, alice.accessToken()).status()).isEqualTo(204);
        assertThat(hits(bob, theirs, "highest mountain Everest", "semantic")).hasSize(3);
    }
}
