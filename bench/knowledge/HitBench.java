import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmops.knowledge.control.LocalEmbedding;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Hit testing through HTTP at N segments: one account and dataset, N segments written straight into
 * PostgreSQL (the source of truth), the index built from them by the reindex job (timed), then
 * sequential {@code POST /api/datasets/{id}/hit} requests per strategy, p50/p99.
 *
 * <p>Segments are realistic enough for retrieval to do real work: 50 topics, each a sentence embedded by
 * the local model (the same model the server embeds queries with); a segment's vector is its topic's
 * vector plus noise, its text the topic's words plus words from a shared vocabulary. Queries are the
 * topic sentences, so every strategy finds matching segments.
 *
 * <p>Environment: BASE (server URL), DB_URL (JDBC URL of the server's database), N (segments, 10000),
 * QUERIES (measured per strategy, 300), WARMUP (requests before measuring, 100), OUT (summary file),
 * UNIQUE_QUERIES=1 (also semantic and hybrid with every query text new, e.g. not in a query-vector cache).
 */
public class HitBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String BASE = System.getenv().getOrDefault("BASE", "http://127.0.0.1:18080");

    static final String[] TOPICS = {
            "descaling the espresso machine keeps coffee fresh", "Mount Everest is the highest mountain on Earth",
            "Lucene ranks keyword queries with BM25", "giant pandas eat bamboo in Sichuan forests",
            "the invoice is due thirty days after delivery", "reset a forgotten password from the login page",
            "the warranty covers manufacturing defects for two years", "photosynthesis turns sunlight into sugar",
            "the train to Berlin leaves from platform nine", "rotate database credentials every ninety days",
            "sourdough bread needs a long cold fermentation", "the heat pump saves energy in mild winters",
            "vaccines train the immune system to recognise viruses", "the marathon route crosses five bridges",
            "quarterly revenue grew by twelve percent", "use HTTPS for every public endpoint",
            "tomatoes need six hours of sun a day", "the museum is closed on Mondays",
            "backups are kept for thirty five days", "electric cars regenerate energy when braking",
            "the contract renews automatically each year", "owls hunt mice at night",
            "the API rate limit is one hundred requests per minute", "jazz grew out of New Orleans",
            "the office printer jams on thick paper", "volcanoes form where tectonic plates meet",
            "submit travel expenses within a month", "the cache expires after ten minutes",
            "whales communicate with low frequency songs", "the library lends e-books for three weeks",
            "chess openings control the centre early", "the new hire onboarding takes two weeks",
            "glaciers are retreating in the Alps", "the router firmware update fixes wifi drops",
            "olive oil is pressed from ripe olives", "parental leave lasts sixteen weeks",
            "the satellite orbits Earth every ninety minutes", "wash wool sweaters in cold water",
            "the bug tracker closes stale issues", "bees pollinate almond orchards in spring",
            "the hotel checkout time is eleven", "Kubernetes restarts failed containers",
            "the recipe calls for two cups of flour", "the bridge was built in 1932",
            "the support hotline opens at eight", "solar panels work even on cloudy days",
            "the dentist recommends flossing daily", "the refund arrives within five business days",
            "penguins live in the southern hemisphere", "the firewall blocks inbound telnet"};

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(System.getenv().getOrDefault("N", "10000"));
        int queries = Integer.parseInt(System.getenv().getOrDefault("QUERIES", "300"));
        int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP", "100"));
        String dbUrl = System.getenv().getOrDefault("DB_URL", "jdbc:postgresql://127.0.0.1:5432/llmops_bench");

        JsonNode registered = post("/api/auth/register", null,
                "{\"email\":\"hit-bench@example.com\",\"password\":\"bench-password-1\",\"name\":\"Bench\"}");
        String token = registered.path("access_token").asText();
        String datasetId = post("/api/datasets", token, "{\"name\":\"hit-bench\"}").path("id").asText();
        String documentId = get("/api/datasets/" + datasetId + "/documents", token).path("items").get(0).path("id").asText();

        long loadStart = System.nanoTime();
        load(dbUrl, UUID.fromString(datasetId), UUID.fromString(documentId), n);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        log("loaded %d segments into PostgreSQL in %.1f s", n, loadSeconds);

        long rebuildStart = System.nanoTime();
        String execution = post("/api/datasets/" + datasetId + "/reindex", token, "{}").path("execution_id").asText();
        while (true) {
            JsonNode job = get("/api/datasets/" + datasetId + "/reindex/" + execution, token);
            String status = job.path("status").asText();
            if (status.equals("completed")) {
                break;
            }
            if (status.equals("failed") || status.equals("abandoned") || status.equals("stopped")) {
                throw new IllegalStateException("reindex job " + job);
            }
            Thread.sleep(250);
        }
        double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
        log("reindex job (load into the index + optimise) took %.1f s", rebuildSeconds);

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Hit testing through HTTP, %d segments (384-d, local model), "
                + "sequential requests, k = 10%n%n", n));
        out.append(String.format(Locale.ROOT, "- bulk load into PostgreSQL: %.1f s; reindex job (index load + optimise): %.1f s%n%n",
                loadSeconds, rebuildSeconds));
        out.append("| strategy | requests | p50 ms | p90 ms | p99 ms | mean ms | hits/query |\n|---|---|---|---|---|---|---|\n");
        Random random = new Random(7);
        List<String> runs = new ArrayList<>(List.of("semantic", "full_text", "hybrid"));
        if ("1".equals(System.getenv("UNIQUE_QUERIES"))) {
            // every query text new (a topic sentence plus a counter): nothing a server could have cached
            runs.addAll(List.of("semantic unique", "hybrid unique"));
        }
        int counter = 0;
        for (String run : runs) {
            String strategy = run.split(" ")[0];
            boolean unique = run.endsWith("unique");
            for (int i = 0; i < warmup; i++) {
                hit(token, datasetId, TOPICS[random.nextInt(TOPICS.length)] + (unique ? " " + ++counter : ""), strategy);
            }
            double[] millis = new double[queries];
            long hits = 0;
            for (int i = 0; i < queries; i++) {
                String query = TOPICS[random.nextInt(TOPICS.length)] + (unique ? " " + ++counter : "");
                long t0 = System.nanoTime();
                hits += hit(token, datasetId, query, strategy);
                millis[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(millis);
            String row = String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.1f |%n", run, queries,
                    pct(millis, 50), pct(millis, 90), pct(millis, 99), Arrays.stream(millis).average().orElse(0),
                    hits / (double) queries);
            log("%s", row.strip());
            out.append(row);
        }
        String outFile = System.getenv("OUT");
        if (outFile != null) {
            Files.writeString(Path.of(outFile), out.toString());
        }

    }

    /** N segments of the dataset's manual document, in batches of 1,000, and the document's count. */
    static void load(String dbUrl, UUID datasetId, UUID documentId, int n) throws Exception {
        Random random = new Random(42);
        float[][] centres = new float[TOPICS.length][];
        for (int t = 0; t < TOPICS.length; t++) {
            centres[t] = LocalEmbedding.model().embed(TOPICS[t]).content().vector();
        }
        String[] vocabulary = new String[3000];
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = word(random);
        }
        try (Connection db = DriverManager.getConnection(dbUrl + (dbUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true",
                "postgres", "")) {
            db.setAutoCommit(false);
            UUID workspaceId;
            try (var st = db.prepareStatement("select workspace_id from dataset where id = ?")) {
                st.setObject(1, datasetId);
                var rs = st.executeQuery();
                rs.next();
                workspaceId = rs.getObject(1, UUID.class);
            }
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into segment (id, workspace_id, dataset_id, document_id, position, content, content_hash, keywords,
                                         token_count, character_count, enabled, hit_count, vector, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, '[]'::jsonb, ?, ?, true, 0, ?, ?, ?)""")) {
                for (int i = 0; i < n; i++) {
                    int topic = i % TOPICS.length;
                    StringBuilder text = new StringBuilder(TOPICS[topic]).append('.');
                    for (int w = 0; w < 60; w++) {
                        // Zipf-like: low indexes far more often
                        text.append(' ').append(vocabulary[(int) Math.min(vocabulary.length - 1,
                                Math.floor(Math.pow(random.nextDouble(), 3) * vocabulary.length))]);
                    }
                    String content = text.toString();
                    Float[] vector = noisy(centres[topic], random);
                    insert.setObject(1, UUID.randomUUID());
                    insert.setObject(2, workspaceId);
                    insert.setObject(3, datasetId);
                    insert.setObject(4, documentId);
                    insert.setInt(5, i + 1);
                    insert.setString(6, content);
                    insert.setString(7, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(content.getBytes(StandardCharsets.UTF_8))));
                    insert.setInt(8, 80);
                    insert.setInt(9, content.length());
                    insert.setArray(10, db.createArrayOf("real", vector));
                    insert.setTimestamp(11, now);
                    insert.setTimestamp(12, now);
                    insert.addBatch();
                    if ((i + 1) % 1000 == 0 || i == n - 1) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
            }
            try (var st = db.prepareStatement("update document set segment_count = ? where id = ?")) {
                st.setInt(1, n);
                st.setObject(2, documentId);
                st.executeUpdate();
            }
            db.commit();
        }
    }

    static Float[] noisy(float[] centre, Random random) {
        Float[] v = new Float[centre.length];
        double norm = 0;
        double[] raw = new double[centre.length];
        for (int d = 0; d < centre.length; d++) {
            raw[d] = centre[d] + random.nextGaussian() * 0.6 / Math.sqrt(centre.length);
            norm += raw[d] * raw[d];
        }
        norm = Math.sqrt(norm);
        for (int d = 0; d < centre.length; d++) {
            v[d] = (float) (raw[d] / norm);
        }
        return v;
    }

    static String word(Random random) {
        int length = 3 + random.nextInt(7);
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < length; i++) {
            w.append((char) ('a' + random.nextInt(26)));
        }
        return w.toString();
    }

    static int hit(String token, String datasetId, String query, String strategy) throws Exception {
        JsonNode reply = post("/api/datasets/" + datasetId + "/hit", token, JSON.createObjectNode()
                .put("query", query).put("retrieval_strategy", strategy).put("k", 10).put("score", 0.0).toString());
        return reply.path("hits").size();
    }

    static JsonNode get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", "Bearer " + token).GET());
    }

    static JsonNode post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    static JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofMinutes(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static void log(String format, Object... args) {
        System.err.printf("[hit-bench] " + format + "%n", args);
    }
}
