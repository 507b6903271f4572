import io.llmops.knowledge.control.IndexedSegment;
import io.llmops.knowledge.control.LuceneSegmentIndex;
import io.llmops.knowledge.control.RetrievalStrategy;
import io.llmops.knowledge.control.SegmentHit;
import io.llmops.knowledge.control.SegmentQuery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The knowledge engine alone (no server): LuceneSegmentIndex at N segments of synthetic clustered
 * 384-d vectors and generated text. Prints indexing time, per-strategy query p50/p99, and HNSW
 * recall@10 (the engine's semantic top-10, which asks for 100 candidates) against an exact scan.
 * Run through bench/knowledge/index-bench.sh. Tunables (system properties): n, queries, clusters, seed.
 */
public class IndexBench {

    static final int DIM = 384;

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("n", 10_000);
        int queries = Integer.getInteger("queries", 1_000);
        int clusters = Integer.getInteger("clusters", 50);
        Random random = new Random(Long.getLong("seed", 42));

        float[][] centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = unit(gaussian(random, 1.0f, null));
        }
        String[] vocabulary = IntStream.range(0, 5_000).mapToObj(i -> "w" + Integer.toString(i * 7919, 36)).toArray(String[]::new);
        float[][] vectors = new float[n][];
        List<IndexedSegment> segments = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(clusters);
            vectors[i] = unit(gaussian(random, 0.35f, centres[c]));
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 80; w++) {
                // Zipf-like word choice: a few common words, a long tail
                int idx = (int) Math.min(vocabulary.length - 1, Math.floor(Math.pow(random.nextDouble(), 3) * vocabulary.length));
                text.append(vocabulary[idx]).append(' ');
            }
            segments.add(new IndexedSegment("s" + i, "ws", "ds" + (i % 4), "doc" + (i / 50), i % 50,
                    text.toString(), List.of(), vectors[i], true));
        }

        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Path dir = Files.createTempDirectory("index-bench");
        try (LuceneSegmentIndex index = new LuceneSegmentIndex(dir)) {
            long t0 = System.nanoTime();
            for (int from = 0; from < n; from += 1_000) {
                index.upsert(segments.subList(from, Math.min(n, from + 1_000)));
            }
            System.out.printf("indexed %d segments x %d-d in %.1f s (batches of 1000, commit per batch)%n",
                    n, DIM, (System.nanoTime() - t0) / 1e9);

            List<String> datasets = List.of("ds0", "ds1", "ds2", "ds3");
            float[][] qv = new float[queries][];
            String[] qt = new String[queries];
            for (int q = 0; q < queries; q++) {
                qv[q] = unit(gaussian(random, 0.35f, centres[random.nextInt(clusters)]));
                qt[q] = vocabulary[random.nextInt(200)] + " " + vocabulary[random.nextInt(2_000)] + " " + vocabulary[random.nextInt(5_000)];
            }
            for (RetrievalStrategy strategy : RetrievalStrategy.values()) {
                for (int warm = 0; warm < Math.min(300, queries); warm++) {
                    index.search(SegmentQuery.of("ws", datasets, qt[warm], qv[warm], strategy, 10));
                }
                long[] nanos = new long[queries];
                long[] cpu = new long[queries];
                for (int q = 0; q < queries; q++) {
                    long c = threads.getCurrentThreadCpuTime();
                    long s = System.nanoTime();
                    index.search(SegmentQuery.of("ws", datasets, qt[q], qv[q], strategy, 10));
                    nanos[q] = System.nanoTime() - s;
                    cpu[q] = threads.getCurrentThreadCpuTime() - c;
                }
                Arrays.sort(nanos);
                Arrays.sort(cpu);
                // CPU time of the querying thread: what the query costs, less distorted by a busy machine
                System.out.printf("%-9s k=10  wall p50 %.2f ms  p99 %.2f ms | cpu p50 %.2f ms  p99 %.2f ms%n", strategy.apiName(),
                        nanos[queries / 2] / 1e6, nanos[(int) (queries * 0.99)] / 1e6,
                        cpu[queries / 2] / 1e6, cpu[(int) (queries * 0.99)] / 1e6);
            }

            // the same KNN straight on Lucene, without and with the engine's filter: the engine's own overhead
            try (var reader = org.apache.lucene.index.DirectoryReader.open(org.apache.lucene.store.FSDirectory.open(dir))) {
                var searcher = new org.apache.lucene.search.IndexSearcher(reader);
                var filter = new org.apache.lucene.search.BooleanQuery.Builder()
                        .add(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term("workspace", "ws")),
                                org.apache.lucene.search.BooleanClause.Occur.FILTER).build();
                for (boolean filtered : new boolean[] {false, true}) {
                    long[] cpu = new long[queries];
                    for (int round = 0; round < 2; round++) {
                        for (int q = 0; q < queries; q++) {
                            long c = threads.getCurrentThreadCpuTime();
                            searcher.search(new org.apache.lucene.search.KnnFloatVectorQuery("vector_384", qv[q], 100,
                                    filtered ? filter : null), 100);
                            cpu[q] = threads.getCurrentThreadCpuTime() - c;
                        }
                    }
                    Arrays.sort(cpu);
                    System.out.printf("raw lucene knn(100) %s: cpu p50 %.2f ms  p99 %.2f ms%n", filtered ? "filtered" : "unfiltered",
                            cpu[queries / 2] / 1e6, cpu[(int) (queries * 0.99)] / 1e6);
                }
            }

            int sample = Math.min(200, queries);
            double recall = 0;
            for (int q = 0; q < sample; q++) {
                final float[] query = qv[q];
                List<String> exact = exactTop10(query, vectors);
                List<String> got = index.search(SegmentQuery.of("ws", datasets, null, query, RetrievalStrategy.SEMANTIC, 10))
                        .stream().map(SegmentHit::segmentId).toList();
                recall += exact.stream().filter(got::contains).count() / 10.0;
            }
            System.out.printf("HNSW recall@10 vs exact scan (%d queries): %.3f%n", sample, recall / sample);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static List<String> exactTop10(float[] query, float[][] vectors) {
        int[] best = new int[10];
        double[] scores = new double[10];
        Arrays.fill(scores, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < vectors.length; i++) {
            double s = dot(query, vectors[i]);
            if (s > scores[9]) {
                int j = 9;
                while (j > 0 && scores[j - 1] < s) {
                    scores[j] = scores[j - 1];
                    best[j] = best[j - 1];
                    j--;
                }
                scores[j] = s;
                best[j] = i;
            }
        }
        return Arrays.stream(best).mapToObj(i -> "s" + i).toList();
    }

    static float[] gaussian(Random random, float sigma, float[] around) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (around == null ? 0 : around[i]) + (float) random.nextGaussian() * sigma / (float) Math.sqrt(DIM);
        }
        return v;
    }

    static float[] unit(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) norm;
        }
        return v;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
