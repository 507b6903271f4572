import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.llmops.knowledge.control.IndexedSegment;
import io.llmops.knowledge.control.LocalEmbedding;
import io.llmops.knowledge.control.LuceneSegmentIndex;
import io.llmops.knowledge.control.RetrievalStrategy;
import io.llmops.knowledge.control.SegmentHit;
import io.llmops.knowledge.control.SegmentQuery;
import io.llmops.knowledge.control.TokenLength;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The knowledge engine alone (no server). One run reports, at each size in {@code sizes} (one index
 * grown from the smallest size to the largest):
 * <ul>
 *   <li>indexing time, and the optional merge after the bulk load ({@code -Doptimize=true});</li>
 *   <li>per-strategy query p50/p99, wall and CPU of the querying thread, through LuceneSegmentIndex;</li>
 *   <li>the same KNN straight on Lucene, unfiltered and filtered (the engine's own overhead);</li>
 *   <li>HNSW recall@10 (the engine's semantic top-10, 100 candidates) against an exact scan;</li>
 *   <li>LangChain4j's InMemoryEmbeddingStore, top-10 over the same vectors (the peer: an exact scan).</li>
 * </ul>
 * Then the local embedding model alone on realistic ~300-token English texts in batches (the
 * reference for ingestion throughput), wall and process CPU (ONNX Runtime runs its own threads).
 * Run through bench/knowledge/index-bench.sh. Tunables (system properties): sizes, queries,
 * peerQueries, clusters, seed, optimize, embedTexts, embedBatch.
 */
public class IndexBench {

    static final int DIM = 384;
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("sizes", "10000").split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).sorted().toArray();
        int n = sizes[sizes.length - 1];
        int queries = Integer.getInteger("queries", 1_000);
        int peerQueries = Integer.getInteger("peerQueries", 100);
        int clusters = Integer.getInteger("clusters", 50);
        boolean optimize = Boolean.getBoolean("optimize");
        Random random = new Random(Long.getLong("seed", 42));
        System.out.printf("sizes %s, %d queries per strategy, %d clusters, optimize=%s, %d cores, load %.2f%n",
                Arrays.toString(sizes), queries, clusters, optimize, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

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
        List<String> datasets = List.of("ds0", "ds1", "ds2", "ds3");
        float[][] qv = new float[queries][];
        String[] qt = new String[queries];
        for (int q = 0; q < queries; q++) {
            qv[q] = unit(gaussian(random, 0.35f, centres[random.nextInt(clusters)]));
            qt[q] = vocabulary[random.nextInt(200)] + " " + vocabulary[random.nextInt(2_000)] + " " + vocabulary[random.nextInt(5_000)];
        }

        Path dir = Files.createTempDirectory("index-bench");
        InMemoryEmbeddingStore<TextSegment> peer = new InMemoryEmbeddingStore<>();
        try (LuceneSegmentIndex index = new LuceneSegmentIndex(dir)) {
            int loaded = 0;
            for (int size : sizes) {
                System.out.printf("%n== %d segments%n", size);
                long t0 = System.nanoTime();
                for (int from = loaded; from < size; from += 1_000) {
                    index.upsert(segments.subList(from, Math.min(size, from + 1_000)));
                }
                System.out.printf("indexed %d more segments x %d-d in %.1f s (batches of 1000, commit per batch)%n",
                        size - loaded, DIM, (System.nanoTime() - t0) / 1e9);
                if (optimize) {
                    long m0 = System.nanoTime();
                    index.optimize();
                    System.out.printf("optimize (merge) %.1f s%n", (System.nanoTime() - m0) / 1e9);
                }
                List<Embedding> more = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (int i = loaded; i < size; i++) {
                    more.add(Embedding.from(vectors[i]));
                    ids.add("s" + i);
                }
                peer.addAll(ids, more, java.util.Collections.nCopies(ids.size(), (TextSegment) null));
                loaded = size;
                System.out.printf("lucene segments: %d%n", leaves(dir));

                for (RetrievalStrategy strategy : RetrievalStrategy.values()) {
                    for (int warm = 0; warm < Math.min(300, queries); warm++) {
                        index.search(SegmentQuery.of("ws", datasets, qt[warm], qv[warm], strategy, 10));
                    }
                    final RetrievalStrategy s = strategy;
                    int[] q = {0};
                    report(String.format("%-9s", strategy.apiName()), queries, () -> {
                        int i = q[0]++;
                        return index.search(SegmentQuery.of("ws", datasets, qt[i], qv[i], s, 10));
                    });
                }
                rawKnn(dir, qv, queries);

                int sample = Math.min(200, queries);
                double recall = 0;
                for (int q = 0; q < sample; q++) {
                    List<String> exact = exactTop10(qv[q], vectors, size);
                    List<String> got = index.search(SegmentQuery.of("ws", datasets, null, qv[q], RetrievalStrategy.SEMANTIC, 10))
                            .stream().map(SegmentHit::segmentId).toList();
                    recall += exact.stream().filter(got::contains).count() / 10.0;
                }
                System.out.printf("HNSW recall@10 vs exact scan (%d queries): %.3f%n", sample, recall / sample);

                for (int warm = 0; warm < Math.min(10, peerQueries); warm++) {
                    peer.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(qv[warm])).maxResults(10).build());
                }
                int[] pq = {0};
                report("InMemoryEmbeddingStore top-10", peerQueries, () -> peer.search(EmbeddingSearchRequest.builder()
                        .queryEmbedding(Embedding.from(qv[pq[0]++])).maxResults(10).build()));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }

        int embedTexts = Integer.getInteger("embedTexts", 256);
        if (embedTexts > 0) {
            embeddingRate(random, embedTexts, Integer.getInteger("embedBatch", 32));
        }
    }

    static int leaves(Path dir) throws Exception {
        try (var reader = org.apache.lucene.index.DirectoryReader.open(org.apache.lucene.store.FSDirectory.open(dir))) {
            return reader.leaves().size();
        }
    }

    /** Times {@code count} calls: wall and CPU of this thread, p50 and p99. */
    static void report(String label, int count, Supplier<?> call) {
        long[] nanos = new long[count];
        long[] cpu = new long[count];
        for (int q = 0; q < count; q++) {
            long c = THREADS.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            call.get();
            nanos[q] = System.nanoTime() - s;
            cpu[q] = THREADS.getCurrentThreadCpuTime() - c;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        // CPU time of the querying thread: what the query costs, less distorted by a busy machine
        System.out.printf("%s k=10  wall p50 %.2f ms  p99 %.2f ms | cpu p50 %.2f ms  p99 %.2f ms%n", label,
                nanos[count / 2] / 1e6, nanos[(int) (count * 0.99)] / 1e6, cpu[count / 2] / 1e6, cpu[(int) (count * 0.99)] / 1e6);
    }

    /** The same KNN straight on Lucene, without and with a workspace filter: the engine's own overhead. */
    static void rawKnn(Path dir, float[][] qv, int queries) throws Exception {
        try (var reader = org.apache.lucene.index.DirectoryReader.open(org.apache.lucene.store.FSDirectory.open(dir))) {
            var searcher = new org.apache.lucene.search.IndexSearcher(reader);
            var filter = new org.apache.lucene.search.BooleanQuery.Builder()
                    .add(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term("workspace", "ws")),
                            org.apache.lucene.search.BooleanClause.Occur.FILTER).build();
            for (boolean filtered : new boolean[] {false, true}) {
                for (int warm = 0; warm < Math.min(300, queries); warm++) {
                    searcher.search(new org.apache.lucene.search.KnnFloatVectorQuery("vector_384", qv[warm], 100,
                            filtered ? filter : null), 100);
                }
                int[] q = {0};
                report(String.format("raw lucene knn(100) %s", filtered ? "filtered" : "unfiltered"), queries, () -> {
                    try {
                        return searcher.search(new org.apache.lucene.search.KnnFloatVectorQuery("vector_384", qv[q[0]++], 100,
                                filtered ? filter : null), 100);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /** The local embedding model alone: segments/s on ~300-token English texts, {@code batch} per call. */
    static void embeddingRate(Random random, int count, int batch) {
        String[] words = ("the of and to in is that for it as was with be by on not he this are or his from at which but "
                + "have an they you were her she there been one all we their has would when if so no will more can "
                + "about said what out up them some could time into only other new people than these two may first "
                + "then do any like my now over such our man me even most made after also did many before must "
                + "through back years where much your way well down should because each just those how too little "
                + "state good very make world still own see men work long get here between both life being under "
                + "never day same another know while last might us great old year off come since against go came "
                + "right used take three system document retrieval index search query answer model data segment "
                + "knowledge customer invoice contract policy report meeting product service support team release "
                + "security account payment order shipping warehouse employee training schedule budget revenue").split(" ");
        TokenLength tokens = TokenLength.o200k();
        List<String> texts = new ArrayList<>();
        long tokenSum = 0;
        for (int t = 0; t < count + batch; t++) {
            StringBuilder text = new StringBuilder();
            while (tokens.count(text.toString()) < 300) {
                int length = 6 + random.nextInt(14);
                for (int w = 0; w < length; w++) {
                    String word = words[(int) Math.floor(Math.pow(random.nextDouble(), 2) * words.length)];
                    text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                    text.append(w == length - 1 ? ". " : random.nextInt(12) == 0 ? ", " : " ");
                }
            }
            texts.add(text.toString().strip());
            if (t >= batch) {
                tokenSum += tokens.count(texts.getLast());
            }
        }
        EmbeddingModel model = LocalEmbedding.model();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        model.embedAll(texts.subList(0, batch).stream().map(TextSegment::from).toList()); // load and warm up
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int from = batch; from < batch + count; from += batch) {
            model.embedAll(texts.subList(from, Math.min(batch + count, from + batch)).stream().map(TextSegment::from).toList());
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.printf("%nlocal embedding model (%s) alone: %d texts of %.0f tokens (o200k) on average, batches of %d: "
                        + "%.1f segments/s wall (%.1f s), %.1f ms process CPU per segment%n",
                LocalEmbedding.MODEL_ID, count, tokenSum / (double) count, batch, count / wall, wall, cpu * 1000 / count);
    }

    static List<String> exactTop10(float[] query, float[][] vectors, int size) {
        int[] best = new int[10];
        double[] scores = new double[10];
        Arrays.fill(scores, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < size; i++) {
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
