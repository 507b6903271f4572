package io.llmops.knowledge.control;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.llmops.knowledge.control.RetrievalStrategy.FULL_TEXT;
import static io.llmops.knowledge.control.RetrievalStrategy.HYBRID;
import static io.llmops.knowledge.control.RetrievalStrategy.SEMANTIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * What every {@link SegmentIndex} must do, with small hand-made vectors: each adapter (Lucene,
 * pgvector) extends this class and only says how to open a fresh, empty index.
 */
abstract class SegmentIndexContract {

    static final String WS = "ws-a";
    static final String OTHER_WS = "ws-b";

    protected SegmentIndex index;

    protected abstract SegmentIndex openEmpty() throws Exception;

    @BeforeEach
    void open() throws Exception {
        index = openEmpty();
    }

    @AfterEach
    void close() {
        if (index != null) { // null when openEmpty skipped the test (an assumption failed)
            index.close();
        }
    }

    /** A unit vector mostly along {@code axis} of 8, tilted by {@code tilt} towards axis+1. */
    static float[] vec(int axis, double tilt) {
        float[] v = new float[8];
        v[axis % 8] = (float) Math.cos(tilt);
        v[(axis + 1) % 8] = (float) Math.sin(tilt);
        return v;
    }

    static IndexedSegment seg(String id, String ws, String dataset, String doc, int pos, String content, float[] v) {
        return new IndexedSegment(id, ws, dataset, doc, pos, content, List.of(), v, true);
    }

    static SegmentQuery query(RetrievalStrategy strategy, String text, float[] v, int k, String... datasets) {
        return SegmentQuery.of(WS, List.of(datasets), text, v, strategy, k);
    }

    static List<String> ids(List<SegmentHit> hits) {
        return hits.stream().map(SegmentHit::segmentId).toList();
    }

    private void seedThree() {
        index.upsert(List.of(
                seg("s1", WS, "d1", "doc1", 0, "Payara Micro runs the WAR file", vec(0, 0)),
                seg("s2", WS, "d1", "doc1", 1, "PostgreSQL keeps every segment and vector", vec(0, 0.4)),
                seg("s3", WS, "d1", "doc2", 0, "Redis locks keep two instances apart", vec(3, 0))));
    }

    @Test
    void semanticRanksByCosineAndScoresIt() {
        seedThree();
        List<SegmentHit> hits = index.search(query(SEMANTIC, null, vec(0, 0), 10, "d1"));
        assertThat(ids(hits)).containsExactly("s1", "s2", "s3");
        assertThat(hits.get(0).score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(hits.get(1).score()).isCloseTo(Math.cos(0.4), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(hits.get(2).score()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-4));
        SegmentHit first = hits.getFirst();
        assertThat(first).extracting(SegmentHit::datasetId, SegmentHit::documentId, SegmentHit::position, SegmentHit::content)
                .containsExactly("d1", "doc1", 0, "Payara Micro runs the WAR file");
    }

    @Test
    void kAndThresholdCut() {
        seedThree();
        assertThat(ids(index.search(query(SEMANTIC, null, vec(0, 0), 1, "d1")))).containsExactly("s1");
        assertThat(ids(index.search(query(SEMANTIC, null, vec(0, 0), 10, "d1").withThreshold(0.9))))
                .containsExactly("s1", "s2");
        assertThat(index.search(query(FULL_TEXT, "Redis locks", null, 10, "d1").withThreshold(0.01)))
                .extracting(SegmentHit::segmentId).containsExactly("s3");
    }

    @Test
    void upsertIsIdempotentAndReplacesById() {
        seedThree();
        seedThree();
        assertThat(index.count("d1")).isEqualTo(3);
        index.upsert(List.of(seg("s3", WS, "d1", "doc2", 0, "Redis now says hello", vec(0, 0.1))));
        assertThat(index.count("d1")).isEqualTo(3);
        List<SegmentHit> hits = index.search(query(SEMANTIC, null, vec(0, 0), 2, "d1"));
        assertThat(ids(hits)).containsExactly("s1", "s3");
        assertThat(hits.get(1).content()).isEqualTo("Redis now says hello");
        assertThat(index.search(query(FULL_TEXT, "locks", null, 10, "d1"))).isEmpty();
    }

    @Test
    void bufferedWritesAreSearchableAndReplaceByIdOnceCommitted() {
        seedThree();
        index.upsertBuffered(List.of(seg("s3", WS, "d1", "doc2", 0, "Redis now says hello", vec(0, 0.1)),
                seg("s4", WS, "d1", "doc2", 1, "a fourth segment about caches", vec(5, 0))));
        index.upsertBuffered(List.of(seg("s5", WS, "d1", "doc2", 2, "and a fifth one", vec(6, 0))));
        index.commit();
        assertThat(index.count("d1")).isEqualTo(5);
        assertThat(ids(index.search(query(SEMANTIC, null, vec(5, 0), 1, "d1")))).containsExactly("s4");
        assertThat(ids(index.search(query(FULL_TEXT, "hello", null, 10, "d1")))).containsExactly("s3");
        assertThat(index.search(query(FULL_TEXT, "locks", null, 10, "d1"))).isEmpty();
        index.commit(); // nothing pending: changes nothing
        assertThat(index.count("d1")).isEqualTo(5);
    }

    @Test
    void optimizeAfterManyBatchesChangesNoAnswer() {
        for (int batch = 0; batch < 5; batch++) {
            List<IndexedSegment> segments = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = batch * 4 + i;
                segments.add(seg("m" + n, WS, "d1", "doc" + batch, i, "batch " + batch + " segment " + n + " words",
                        vec(n % 8, 0.05 * i)));
            }
            index.upsert(segments);
        }
        List<List<SegmentHit>> before = new ArrayList<>();
        for (RetrievalStrategy strategy : RetrievalStrategy.values()) {
            before.add(index.search(query(strategy, "batch segment words", vec(1, 0.02), 10, "d1")));
        }
        index.optimize();
        assertThat(index.count("d1")).isEqualTo(20);
        for (RetrievalStrategy strategy : RetrievalStrategy.values()) {
            List<SegmentHit> after = index.search(query(strategy, "batch segment words", vec(1, 0.02), 10, "d1"));
            List<SegmentHit> was = before.get(strategy.ordinal());
            assertThat(ids(after)).as(strategy.apiName()).isEqualTo(ids(was));
            for (int i = 0; i < after.size(); i++) {
                assertThat(after.get(i).score()).isCloseTo(was.get(i).score(), within(1e-6));
            }
        }
        index.upsert(List.of(seg("late", WS, "d1", "doc9", 0, "added after the merge", vec(5, 0))));
        assertThat(ids(index.search(query(SEMANTIC, null, vec(5, 0), 1, "d1")))).containsExactly("late");
    }

    @Test
    void deletesBySegmentDocumentAndDataset() {
        seedThree();
        index.upsert(List.of(seg("t1", WS, "d2", "doc9", 0, "another dataset", vec(0, 0))));
        index.deleteSegments(List.of("s2"));
        assertThat(ids(index.search(query(SEMANTIC, null, vec(0, 0), 10, "d1")))).containsExactly("s1", "s3");
        index.deleteDocument("doc2");
        assertThat(ids(index.search(query(SEMANTIC, null, vec(0, 0), 10, "d1")))).containsExactly("s1");
        index.deleteDataset("d1");
        assertThat(index.count("d1")).isZero();
        assertThat(index.search(query(HYBRID, "Payara", vec(0, 0), 10, "d1"))).isEmpty();
        assertThat(index.count("d2")).isEqualTo(1);
    }

    @Test
    void anotherWorkspaceNeverTakesASlotEvenWhenItIsCloser() {
        List<IndexedSegment> theirs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // identical to the query and full of its words: they would fill any unfiltered top-k
            theirs.add(seg("b" + i, OTHER_WS, "db", "docb", i, "vector index query words " + i, vec(0, 0)));
        }
        index.upsert(theirs);
        index.upsert(List.of(
                seg("a1", WS, "da", "doca", 0, "the vector index lives on disk", vec(0, 1.0)),
                seg("a2", WS, "da", "doca", 1, "an unrelated line", vec(4, 0))));
        for (RetrievalStrategy strategy : RetrievalStrategy.values()) {
            List<SegmentHit> hits = index.search(query(strategy, "vector index query words", vec(0, 0), 10, "da", "db"));
            assertThat(hits).as(strategy.apiName()).isNotEmpty()
                    .allSatisfy(h -> assertThat(h.segmentId()).startsWith("a"));
        }
        assertThat(ids(index.search(query(SEMANTIC, null, vec(0, 0), 10, "da")))).containsExactly("a1", "a2");
        // their dataset id asked for from our workspace: nothing
        assertThat(index.search(query(HYBRID, "vector", vec(0, 0), 10, "db"))).isEmpty();
    }

    @Test
    void documentAndEnabledFilters() {
        seedThree();
        index.upsert(List.of(new IndexedSegment("s4", WS, "d1", "doc2", 1, "Payara disabled copy", List.of(), vec(0, 0), false)));
        assertThat(ids(index.search(query(SEMANTIC, null, vec(0, 0), 10, "d1").withDocuments(Set.of("doc2")))))
                .containsExactly("s3");
        assertThat(ids(index.search(query(SEMANTIC, null, vec(0, 0), 10, "d1").withEnabledOnly(false))))
                .containsExactlyInAnyOrder("s1", "s2", "s3", "s4");
        assertThat(ids(index.search(query(FULL_TEXT, "Payara", null, 10, "d1")))).containsExactly("s1");
    }

    @Test
    void fullTextScoresAreNormalisedAndHandleChinese() {
        index.upsert(List.of(
                seg("e1", WS, "d1", "doc", 0, "Indexing documents makes retrieval fast", vec(0, 0)),
                seg("e2", WS, "d1", "doc", 1, "Retrieval quality depends on good segments and retrieval settings", vec(1, 0)),
                seg("c1", WS, "d1", "doc", 2, "知识库支持混合检索和全文检索", vec(2, 0)),
                seg("c2", WS, "d1", "doc", 3, "文档上传以后会被切分成片段", vec(3, 0))));
        List<SegmentHit> english = index.search(query(FULL_TEXT, "indexes retrieval", null, 10, "d1"));
        assertThat(ids(english)).containsExactly("e1", "e2"); // stemming: "indexes" matches "Indexing"
        assertThat(english).allSatisfy(h -> assertThat(h.score()).isBetween(0.0, 1.0));
        assertThat(ids(index.search(query(FULL_TEXT, "混合检索", null, 10, "d1")))).containsExactly("c1");
        assertThat(ids(index.search(query(FULL_TEXT, "文档切分", null, 10, "d1")))).containsExactly("c2");
        // words found nowhere lower the score: half the query missing, at most about half the score
        double full = index.search(query(FULL_TEXT, "indexing documents", null, 1, "d1")).getFirst().score();
        double half = index.search(query(FULL_TEXT, "indexing zebra", null, 1, "d1")).getFirst().score();
        assertThat(half).isLessThan(full);
        assertThat(index.search(query(FULL_TEXT, "the and of", null, 10, "d1"))).isEmpty();
    }

    @Test
    void hybridFusesBothSignals() {
        index.upsert(List.of(
                seg("v", WS, "d1", "doc", 0, "nothing in common here", vec(0, 0)),
                seg("t", WS, "d1", "doc", 1, "exact words: rollback publish", vec(5, 0)),
                seg("both", WS, "d1", "doc", 2, "publish then rollback a version", vec(0, 0.3))));
        List<SegmentHit> hits = index.search(query(HYBRID, "rollback publish", vec(0, 0), 3, "d1"));
        assertThat(ids(hits)).containsExactly("both", "v", "t");
        assertThat(hits).allSatisfy(h -> assertThat(h.score()).isBetween(0.0, 1.0));
        assertThat(hits.get(0).score()).isGreaterThan(0.7 * Math.cos(0.3));
        // a text-only hit still gets its (here zero) cosine and its text share
        assertThat(hits.get(2).score()).isGreaterThan(0).isLessThanOrEqualTo(0.3 + 1e-9);
    }

    @Test
    void queriesAreValidated() {
        assertThatThrownBy(() -> query(SEMANTIC, "x", null, 5, "d1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> query(FULL_TEXT, " ", null, 5, "d1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> query(SEMANTIC, null, vec(0, 0), 11, "d1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> query(SEMANTIC, null, vec(0, 0), 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
