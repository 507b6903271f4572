package io.llmops.knowledge.control;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.llmops.knowledge.control.RetrievalStrategy.FULL_TEXT;
import static io.llmops.knowledge.control.RetrievalStrategy.HYBRID;
import static io.llmops.knowledge.control.RetrievalStrategy.SEMANTIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared contract against a real PostgreSQL with pgvector ({@link PgVectorTestDatabase}: a throwaway
 * database, V10 applied), plus what only pgvector has to prove. Skipped, with the reason, when
 * PostgreSQL is unreachable or has no pgvector (CI installs it with server-config/install-pgvector.sh).
 */
class PgVectorSegmentIndexTest extends SegmentIndexContract {

    static PgVectorTestDatabase db;

    @BeforeAll
    static void createDatabase() throws Exception {
        db = PgVectorTestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        db.close();
    }

    static PGSimpleDataSource dataSource() {
        return db.dataSource();
    }

    @Override
    protected SegmentIndex openEmpty() throws Exception {
        assumeTrue(db.skipReason() == null, () -> "pgvector contract skipped: " + db.skipReason());
        db.truncate();
        return new PgVectorSegmentIndex(dataSource());
    }

    @Test
    void prepareSaysTheIndexIsReady() {
        assertThat(PgVectorSegmentIndex.prepare(dataSource())).isEmpty();
    }

    /** 384-d like the local model, 1536-d like OpenAI's, 3072-d (halfvec index) side by side in one table. */
    @Test
    void modelSizedVectorsOfDifferentLengthsCoexist() {
        float[] small = unit(new Random(1), 384);
        float[] medium = unit(new Random(2), 1536);
        float[] large = unit(new Random(3), 3072);
        index.upsert(List.of(
                seg("small", WS, "d1", "doc", 0, "a 384-d vector", small),
                seg("medium", WS, "d2", "doc", 0, "a 1536-d vector", medium),
                seg("large", WS, "d3", "doc", 0, "a 3072-d vector", large),
                seg("none", WS, "d1", "doc", 1, "no vector at all, words only", null)));
        for (float[] q : List.of(small, medium, large)) {
            List<SegmentHit> hits = index.search(query(SEMANTIC, null, q, 5, "d1", "d2", "d3"));
            assertThat(hits).hasSize(1);
            assertThat(hits.getFirst().score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(ids(index.search(query(HYBRID, "words only", small, 5, "d1")))).containsExactly("small", "none");
        assertThat(ids(index.search(query(FULL_TEXT, "vector", null, 5, "d1", "d2", "d3"))))
                .containsExactlyInAnyOrder("small", "medium", "large", "none");
    }

    /**
     * With the HNSW index forced (no sequential scans), a workspace's few segments are still found when
     * another workspace's hundreds of identical vectors fill the graph's first candidates: the filter
     * is in the index scan (iterative scan), not applied to its top-k. Also checks the plan uses HNSW.
     */
    @Test
    void hnswKeepsTheFilterInsideTheScan() throws SQLException {
        Random random = new Random(7);
        float[] target = unit(random, 384);
        List<IndexedSegment> theirs = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            theirs.add(seg("b" + i, OTHER_WS, "db", "docb", i, "their segment " + i, nudge(random, target, 0.01)));
        }
        index.upsert(theirs);
        List<IndexedSegment> ours = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ours.add(seg("a" + i, WS, "da", "doca", i, "our segment " + i, nudge(random, target, 0.5)));
        }
        index.upsert(ours);
        index.upsert(List.of(seg("off", WS, "da", "doca", 99, "disabled", target)).stream()
                .map(s -> new IndexedSegment(s.id(), s.workspaceId(), s.datasetId(), s.documentId(), s.position(),
                        s.content(), s.keywords(), s.vector(), false)).toList());
        // the planner would rightly pick the exact scan through the dataset index for 21 rows: take it away
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("drop index pgvector_segment_dataset_idx");
            st.execute("analyze pgvector_segment");
        }
        PGSimpleDataSource forced = dataSource();
        forced.setOptions("-c enable_seqscan=off");
        String knn = "select id from pgvector_segment where dimensions = 384"
                + " and workspace_id = 'ws-a' and dataset_id = any('{da}') and enabled"
                + " order by embedding::vector(384) <=> '" + PgVectorSegmentIndex.literal(target) + "'::vector(384) limit 100";
        try (Connection c = forced.getConnection(); Statement st = c.createStatement()) {
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = st.executeQuery("explain " + knn)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).contains("pgvector_segment_hnsw_384_idx");
            // the trap this index avoids: without iterative scans HNSW filters its first ef_search candidates
            st.execute("set hnsw.iterative_scan = off");
            st.execute("set hnsw.ef_search = 100");
            int found = 0;
            try (ResultSet rs = st.executeQuery(knn)) {
                while (rs.next()) {
                    found++;
                }
            }
            assertThat(found).as("rows of ours among HNSW's first 100 candidates").isLessThan(10);
        }
        try (PgVectorSegmentIndex hnsw = new PgVectorSegmentIndex(forced)) {
            List<SegmentHit> hits = hnsw.search(query(SEMANTIC, null, target, 10, "da", "db"));
            assertThat(hits).hasSize(10).allSatisfy(h -> assertThat(h.segmentId()).startsWith("a"));
            // the exact top 10 of our segments, in order (recall 1 here)
            List<String> exact = ours.stream()
                    .sorted(java.util.Comparator.comparingDouble((IndexedSegment s) -> -cos(s.vector(), target))
                            .thenComparing(IndexedSegment::id))
                    .limit(10).map(IndexedSegment::id).toList();
            assertThat(ids(hits)).containsExactlyElementsOf(exact);
        } finally {
            assertThat(PgVectorSegmentIndex.prepare(dataSource())).isEmpty(); // recreates the dataset index
        }
    }

    /** Two servers over one database: what one writes, the other finds and counts at once (multi-instance). */
    @Test
    void instancesShareOneIndex() {
        try (PgVectorSegmentIndex other = new PgVectorSegmentIndex(dataSource())) {
            index.upsert(List.of(seg("x", WS, "d1", "doc", 0, "written by instance one", vec(0, 0))));
            assertThat(other.count("d1")).isEqualTo(1);
            assertThat(ids(other.search(query(HYBRID, "instance", vec(0, 0), 5, "d1")))).containsExactly("x");
            other.deleteDocument("doc");
            assertThat(index.count("d1")).isZero();
        }
    }

    /** Inside a caller's transaction (a batch chunk, say) index writes commit or roll back with it. */
    @Test
    void joinsTheCallersTransaction() throws SQLException {
        try (Connection shared = dataSource().getConnection()) {
            shared.setAutoCommit(false);
            javax.sql.DataSource inTransaction = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("getConnection")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        // the container hands out the transaction's connection; closing it ends nothing
                        return java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[] {Connection.class}, (p, m, a) -> m.getName().equals("close") ? null
                                        : m.invoke(shared, a));
                    });
            try (PgVectorSegmentIndex joined = new PgVectorSegmentIndex(inTransaction)) {
                joined.upsert(List.of(seg("rolled", WS, "d1", "doc", 0, "rolled back", vec(0, 0))));
                assertThat(joined.count("d1")).isEqualTo(1);
                assertThat(index.count("d1")).as("not visible before the caller commits").isZero();
                shared.rollback();
                assertThat(joined.count("d1")).isZero();
                joined.upsert(List.of(seg("kept", WS, "d1", "doc", 0, "committed", vec(0, 0))));
                shared.commit();
            }
        }
        assertThat(ids(index.search(query(SEMANTIC, null, vec(0, 0), 5, "d1")))).containsExactly("kept");
    }

    @Test
    void aQueryTextIsNeverParsedAsTsquerySyntax() {
        index.upsert(List.of(seg("q", WS, "d1", "doc", 0, "it's a quote: don't & or | !not (paren)", vec(0, 0))));
        for (String hostile : List.of("don't", "& | ! ( ) : *", "'; drop table pgvector_segment; --", "a:*B", "\\' \\\\")) {
            index.search(query(FULL_TEXT, hostile, null, 5, "d1"));
            index.search(query(HYBRID, hostile, vec(0, 0), 5, "d1"));
        }
        assertThat(ids(index.search(query(FULL_TEXT, "don't quote", null, 5, "d1")))).containsExactly("q");
        assertThat(index.count("d1")).isEqualTo(1);
    }

    @Test
    void keywordsCountAtHalfWeight() {
        index.upsert(List.of(
                new IndexedSegment("kw", WS, "d1", "doc", 0, "nothing relevant", List.of("payara"), vec(0, 0), true),
                seg("body", WS, "d1", "doc", 1, "payara runs it", vec(1, 0))));
        List<SegmentHit> hits = index.search(query(FULL_TEXT, "payara", null, 5, "d1"));
        assertThat(ids(hits)).containsExactly("body", "kw");
        assertThat(hits.get(1).score()).isCloseTo(hits.get(0).score() / 2, org.assertj.core.data.Offset.offset(1e-6));
    }

    private static float[] unit(Random random, int n) {
        float[] v = new float[n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < n; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static float[] nudge(Random random, float[] v, double amount) {
        float[] noise = unit(random, v.length);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] + amount * noise[i]);
        }
        return out;
    }

    private static double cos(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
