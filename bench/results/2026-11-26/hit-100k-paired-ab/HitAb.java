import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.*;

/** Paired A/B of POST /hit: two servers, same data, requests alternate A,B,A,B with the same query. */
public class HitAb {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Side(String name, String base, String db, String token, String dataset) {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(System.getenv().getOrDefault("N", "20000"));
        int queries = Integer.parseInt(System.getenv().getOrDefault("QUERIES", "300"));
        int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP", "100"));
        List<Side> sides = new ArrayList<>();
        for (String s : new String[] {"A", "B"}) {
            String base = System.getenv("BASE_" + s), db = System.getenv("DB_" + s);
            String token = post(base, "/api/auth/register", null,
                    "{\"email\":\"hit-ab@example.com\",\"password\":\"bench-password-1\",\"name\":\"Bench\"}").path("access_token").asText();
            String ds = post(base, "/api/datasets", token, "{\"name\":\"hit-ab\"}").path("id").asText();
            String doc = get(base, "/api/datasets/" + ds + "/documents", token).path("items").get(0).path("id").asText();
            HitBench.load(db, UUID.fromString(ds), UUID.fromString(doc), n);
            sides.add(new Side(s, base, db, token, ds));
        }
        // both reindex jobs at once, waited for together
        Map<Side, String> jobs = new HashMap<>();
        for (Side s : sides) {
            jobs.put(s, post(s.base, "/api/datasets/" + s.dataset + "/reindex", s.token, "{}").path("execution_id").asText());
        }
        for (Side s : sides) {
            while (!get(s.base, "/api/datasets/" + s.dataset + "/reindex/" + jobs.get(s), s.token).path("status").asText().equals("completed")) {
                Thread.sleep(500);
            }
        }
        System.err.println("[hit-ab] both indexes built");
        Random random = new Random(7);
        StringBuilder out = new StringBuilder("| run | A p50 | B p50 | A p90 | B p90 | A mean | B mean | B faster in pairs |\n|---|---|---|---|---|---|---|---|\n");
        int counter = 0;
        for (String run : List.of("semantic", "full_text", "hybrid", "semantic unique", "hybrid unique")) {
            String strategy = run.split(" ")[0];
            boolean unique = run.endsWith("unique");
            for (int i = 0; i < warmup; i++) {
                String q = HitBench.TOPICS[random.nextInt(HitBench.TOPICS.length)] + (unique ? " " + ++counter : "");
                for (Side s : sides) hit(s, q, strategy);
            }
            double[][] ms = new double[2][queries];
            int bFaster = 0;
            for (int i = 0; i < queries; i++) {
                String q = HitBench.TOPICS[random.nextInt(HitBench.TOPICS.length)] + (unique ? " " + ++counter : "");
                // alternate who goes first so neither always follows the other
                int first = i % 2;
                for (int k = 0; k < 2; k++) {
                    int side = (first + k) % 2;
                    long t0 = System.nanoTime();
                    hit(sides.get(side), q, strategy);
                    ms[side][i] = (System.nanoTime() - t0) / 1e6;
                }
                if (ms[1][i] < ms[0][i]) bFaster++;
            }
            double meanA = Arrays.stream(ms[0]).average().orElse(0), meanB = Arrays.stream(ms[1]).average().orElse(0);
            Arrays.sort(ms[0]); Arrays.sort(ms[1]);
            String row = String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d/%d |%n", run,
                    HitBench.pct(ms[0], 50), HitBench.pct(ms[1], 50), HitBench.pct(ms[0], 90), HitBench.pct(ms[1], 90),
                    meanA, meanB, bFaster, queries);
            System.err.print("[hit-ab] " + row);
            out.append(row);
        }
        System.out.print(out);
    }

    static void hit(Side s, String q, String strategy) throws Exception {
        JsonNode r = post(s.base, "/api/datasets/" + s.dataset + "/hit", s.token, JSON.createObjectNode()
                .put("query", q).put("retrieval_strategy", strategy).put("k", 10).put("score", 0.0).toString());
        if (r.path("hits").size() == 0) throw new IllegalStateException("no hits " + r);
    }

    static JsonNode get(String base, String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET());
    }

    static JsonNode post(String base, String path, String token, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) r.header("Authorization", "Bearer " + token);
        return send(r);
    }

    static JsonNode send(HttpRequest.Builder r) throws Exception {
        HttpResponse<String> resp = HTTP.send(r.timeout(Duration.ofMinutes(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() / 100 != 2) throw new IllegalStateException(resp.statusCode() + " " + resp.body());
        return JSON.readTree(resp.body());
    }
}
