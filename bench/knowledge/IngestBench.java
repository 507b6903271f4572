import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.segment.TextSegment;
import io.llmops.knowledge.control.LocalEmbedding;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Ingestion throughput through HTTP: DOCS text documents of distinct sentences (so the embedding cache
 * saves nothing) are uploaded, ingested by the batch job with the local model, and timed from
 * {@code POST …/documents} until every document is {@code completed}: segments per second. Then the
 * segments' own texts (read back through the API) are embedded by the same local model alone, in batches
 * of 32 as the job does, in this JVM while the server idles: the limit ingestion can approach.
 *
 * <p>Environment: BASE, DOCS (4), SENTENCES (per document, 1500), OUT (summary file).
 */
public class IngestBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String BASE = System.getenv().getOrDefault("BASE", "http://127.0.0.1:18080");

    public static void main(String[] args) throws Exception {
        int docs = Integer.parseInt(System.getenv().getOrDefault("DOCS", "4"));
        int sentences = Integer.parseInt(System.getenv().getOrDefault("SENTENCES", "1500"));
        String token = send(json("/api/auth/register", null,
                "{\"email\":\"ingest-bench@example.com\",\"password\":\"bench-password-1\",\"name\":\"Bench\"}"))
                .path("access_token").asText();
        String datasetId = send(json("/api/datasets", token, "{\"name\":\"ingest-bench\"}")).path("id").asText();

        List<String> uploads = new ArrayList<>();
        for (int d = 0; d < docs; d++) {
            uploads.add(upload(token, "doc-" + d + ".txt", text(d, sentences)).path("id").asText());
        }
        String body = JSON.createObjectNode().set("upload_file_ids", JSON.valueToTree(uploads)).toString();
        long start = System.nanoTime();
        String batch = send(json("/api/datasets/" + datasetId + "/documents", token, body)).path("batch").asText();
        JsonNode view;
        while (true) {
            view = send(get("/api/datasets/" + datasetId + "/documents/batch/" + batch, token));
            boolean finished = true;
            for (JsonNode doc : view.path("documents")) {
                String status = doc.path("status").asText();
                if (status.equals("error") || status.equals("paused")) {
                    throw new IllegalStateException("document " + doc);
                }
                finished &= status.equals("completed");
            }
            if (finished) {
                break;
            }
            Thread.sleep(100);
        }
        double jobSeconds = (System.nanoTime() - start) / 1e9;
        List<String> texts = new ArrayList<>();
        for (JsonNode doc : view.path("documents")) {
            texts.addAll(segments(token, datasetId, doc.path("id").asText()));
        }
        double jobRate = texts.size() / jobSeconds;
        log("job: %d segments in %.1f s = %.1f segments/s", texts.size(), jobSeconds, jobRate);

        // the model alone on the same texts, batched like the job (warm-up first: model load, JIT)
        embedAll(texts.subList(0, Math.min(64, texts.size())));
        long t0 = System.nanoTime();
        embedAll(texts);
        double modelSeconds = (System.nanoTime() - t0) / 1e9;
        double modelRate = texts.size() / modelSeconds;
        log("model alone: %d segments in %.1f s = %.1f segments/s", texts.size(), modelSeconds, modelRate);

        String out = String.format(Locale.ROOT, """
                Ingestion throughput, %d documents × %d sentences (txt, automatic rule), local model

                | | segments | seconds | segments/s |
                |---|---|---|---|
                | ingestion job through HTTP (upload done → all completed) | %d | %.1f | %.1f |
                | the local model alone on the same segment texts (batches of 32, one thread) | %d | %.1f | %.1f |

                Ingestion reaches **%.0f%%** of the model-alone rate.
                """, docs, sentences, texts.size(), jobSeconds, jobRate, texts.size(), modelSeconds, modelRate,
                100 * jobRate / modelRate);
        if (System.getenv("OUT") != null) {
            Files.writeString(Path.of(System.getenv("OUT")), out);
        }
    }

    static void embedAll(List<String> texts) {
        for (int from = 0; from < texts.size(); from += 32) {
            List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + 32)).stream().map(TextSegment::from).toList();
            LocalEmbedding.model().embedAll(batch);
        }
    }

    static String text(int doc, int sentences) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            sb.append("Record ").append(i).append(" of ledger ").append(doc).append(" notes that shipment ")
                    .append((i * 7919L + doc * 104729L) % 1_000_003).append(" reached depot ").append(i % 97)
                    .append(" on day ").append(i % 365).append(" carrying ").append(i % 13 + 1).append(" pallets. ");
            if (i % 10 == 9) {
                sb.append("\n\n");
            }
        }
        return sb.toString();
    }

    static List<String> segments(String token, String datasetId, String documentId) throws Exception {
        List<String> texts = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode reply = send(get("/api/datasets/" + datasetId + "/documents/" + documentId + "/segments?page_size=100&page="
                    + page, token));
            reply.path("items").forEach(s -> texts.add(s.path("content").asText()));
            if (reply.path("items").isEmpty() || texts.size() >= reply.path("total").asLong()) {
                return texts;
            }
        }
    }

    static JsonNode upload(String token, String name, String text) throws Exception {
        String boundary = "bench-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(BASE + "/api/upload-files")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    static HttpRequest.Builder get(String path, String token) {
        return HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", "Bearer " + token).GET();
    }

    static HttpRequest.Builder json(String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    static JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static void log(String format, Object... args) {
        System.err.printf("[ingest-bench] " + format + "%n", args);
    }
}
