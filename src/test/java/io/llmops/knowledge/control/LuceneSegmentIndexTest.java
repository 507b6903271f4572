package io.llmops.knowledge.control;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static io.llmops.knowledge.control.RetrievalStrategy.HYBRID;
import static io.llmops.knowledge.control.RetrievalStrategy.SEMANTIC;
import static org.assertj.core.api.Assertions.assertThat;

class LuceneSegmentIndexTest extends SegmentIndexContract {

    @TempDir
    Path dir;

    @Override
    protected SegmentIndex openEmpty() {
        return new LuceneSegmentIndex(dir.resolve("index"));
    }

    @Test
    void survivesAReopen() throws Exception {
        index.upsert(List.of(seg("s1", WS, "d1", "doc", 0, "kept on disk", vec(0, 0))));
        index.close();
        assertThat(LuceneSegmentIndex.committedCount(dir.resolve("index"))).isEqualTo(1);
        index = new LuceneSegmentIndex(dir.resolve("index"));
        assertThat(ids(index.search(query(HYBRID, "disk", vec(0, 0), 5, "d1")))).containsExactly("s1");
    }

    @Test
    void bufferedWritesWaitForACommitAndTheNextCommittingWriteCarriesThem() throws Exception {
        Path path = dir.resolve("index");
        index.upsert(List.of(seg("s1", WS, "d1", "doc", 0, "committed at once", vec(0, 0))));
        index.upsertBuffered(List.of(seg("s2", WS, "d1", "doc", 1, "buffered", vec(1, 0))));
        assertThat(LuceneSegmentIndex.committedCount(path)).as("not durable yet").isEqualTo(1);
        assertThat(index.count("d1")).as("nor searchable").isEqualTo(1);
        index.deleteSegments(List.of("nothing-by-this-id")); // any committing write
        assertThat(LuceneSegmentIndex.committedCount(path)).isEqualTo(2);
        assertThat(index.count("d1")).isEqualTo(2);
        index.upsertBuffered(List.of(seg("s3", WS, "d1", "doc", 2, "buffered again", vec(2, 0))));
        index.commit();
        assertThat(LuceneSegmentIndex.committedCount(path)).isEqualTo(3);
        assertThat(ids(index.search(query(SEMANTIC, null, vec(2, 0), 1, "d1")))).containsExactly("s3");
    }

    @Test
    void concurrentWritersAndReadersAgree() throws Exception {
        int writers = 4;
        int batches = 5;
        int perBatch = 20;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(writers + 2)) {
            List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                work.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        List<IndexedSegment> batch = new java.util.ArrayList<>();
                        for (int i = 0; i < perBatch; i++) {
                            String id = writer + "-" + b + "-" + i;
                            batch.add(seg(id, WS, "d1", "doc" + writer, b * perBatch + i, "segment " + id, vec(writer, i * 0.01)));
                        }
                        index.upsert(batch);
                        index.upsert(batch.subList(0, 3)); // a retried batch changes nothing
                    }
                }));
            }
            for (int r = 0; r < 2; r++) {
                work.add(pool.submit(() -> {
                    for (int q = 0; q < 50; q++) {
                        assertThat(index.search(query(HYBRID, "segment", vec(q, 0), 10, "d1")).size()).isLessThanOrEqualTo(10);
                    }
                }));
            }
            for (var f : work) {
                f.get();
            }
        }
        assertThat(index.count("d1")).isEqualTo((long) writers * batches * perBatch);
    }

    @Test
    void openAiSizedVectorsAndMixedDimensionsCoexist() {
        float[] big = new float[3072];
        new Random(1).ints(0, 3072).limit(50).forEach(i -> big[i] = 1f);
        index.upsert(List.of(
                seg("big", WS, "d1", "doc", 0, "a 3072-d vector", big),
                seg("small", WS, "d2", "doc", 0, "an 8-d vector", vec(0, 0))));
        assertThat(ids(index.search(query(SEMANTIC, null, big, 5, "d1", "d2")))).containsExactly("big");
        assertThat(ids(index.search(query(SEMANTIC, null, vec(0, 0), 5, "d1", "d2")))).containsExactly("small");
    }

    @Test
    void aRerankerReordersAndItsScoresCount() {
        index.close();
        ScoringModel byLength = new ScoringModel() {
            @Override
            public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
                return Response.from(segments.stream().map(s -> s.text().length() / 100.0).toList());
            }
        };
        index = new LuceneSegmentIndex(dir.resolve("reranked"), 0.7, byLength);
        index.upsert(List.of(
                seg("short", WS, "d1", "doc", 0, "rerank", vec(0, 0)),
                seg("long", WS, "d1", "doc", 1, "rerank me first because I am long enough", vec(0, 1.2))));
        List<SegmentHit> hits = index.search(query(HYBRID, "rerank", vec(0, 0), 5, "d1").withThreshold(0.1));
        assertThat(ids(hits)).containsExactly("long");
        assertThat(hits.getFirst().score()).isEqualTo(0.4);
    }
}
