import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.segment.TextSegment;
import io.llmops.knowledge.control.LocalEmbedding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Ingestion throughput through HTTP: DOCS text documents of distinct sentences (so the embedding cache
 * saves nothing) are uploaded, ingested by the batch job with the local model, and timed from
 * {@code POST …/documents} until every document is {@code completed}: segments per second. Then the
 * segments' own texts (read back through the API) are embedded by the same local model alone, in batches
 * of 32 as the job does, in this JVM while the server idles: the limit ingestion can approach.
 *
 * <p>Both sides are measured warm: the model alone after a warm-up batch, the server after an ingestion
 * of the same shape (DOCS documents of WARMUP_SENTENCES other sentences) that loads what a server that
 * has run before has loaded (the ONNX session, jtokkit's o200k table, the Chinese analyzer's
 * dictionaries) and JIT-compiles the job's code: with 300 sentences of warm-up, compilations in the
 * server still took 16 s (elapsed) of a 34 s job.
 * The job's time is the server's own: from the documents' {@code created_at} (the POST's transaction)
 * to the last {@code completed_at}, so the status polling (every POLL_MS, 500) neither rounds it up nor,
 * at a UI's pace, takes much of the CPU it measures. With SERVER_PID, the server's CPU time over the job
 * (from /proc) is set against this JVM's over the model-alone run: CPU per segment moves far less with
 * the machine's load than wall time does. The CPU of the PostgreSQL backends serving DB_URL's database
 * over the job is given too (shared PostgreSQL processes such as the WAL writer are not counted).
 *
 * <p>Environment: BASE, DOCS (4), SENTENCES (per document, 1500), WARMUP_SENTENCES (1500, 0 for none),
 * POLL_MS (500), SERVER_PID, OUT (summary file).
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
        int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP_SENTENCES", "1500"));
        String datasetId = send(json("/api/datasets", token, "{\"name\":\"ingest-bench\"}")).path("id").asText();

        if (warmup > 0) {
            long w0 = System.nanoTime();
            List<String> warm = new ArrayList<>();
            for (int d = 0; d < docs; d++) {
                warm.add(upload(token, "warm-up-" + d + ".txt", text(docs + 1000 + d, warmup)).path("id").asText());
            }
            ingest(token, datasetId, warm);
            log("warm-up: %d × %d sentences ingested in %.1f s", docs, warmup, (System.nanoTime() - w0) / 1e9);
        }
        List<String> uploads = new ArrayList<>();
        for (int d = 0; d < docs; d++) {
            uploads.add(upload(token, "doc-" + d + ".txt", text(d, sentences)).path("id").asText());
        }
        long serverCpu0 = serverCpuNanos();
        double jit0 = serverJitSeconds();
        Map<Long, Long> db0 = databaseCpuNanos();
        long start = System.nanoTime();
        JsonNode view = ingest(token, datasetId, uploads);
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        long serverCpu = serverCpuNanos() - serverCpu0;
        double jitSeconds = serverJitSeconds() - jit0;
        long dbCpu = 0;
        for (Map.Entry<Long, Long> backend : databaseCpuNanos().entrySet()) {
            dbCpu += backend.getValue() - db0.getOrDefault(backend.getKey(), 0L);
        }
        Instant created = Instant.MAX;
        Instant completed = Instant.MIN;
        for (JsonNode doc : view.path("documents")) {
            Instant c = Instant.parse(doc.path("created_at").asText());
            Instant f = Instant.parse(doc.path("completed_at").asText());
            created = c.isBefore(created) ? c : created;
            completed = f.isAfter(completed) ? f : completed;
        }
        double jobSeconds = Duration.between(created, completed).toNanos() / 1e9;
        List<String> texts = new ArrayList<>();
        for (JsonNode doc : view.path("documents")) {
            texts.addAll(segments(token, datasetId, doc.path("id").asText()));
        }
        double jobRate = texts.size() / jobSeconds;
        log("job: %d segments in %.1f s (server timestamps; %.1f s seen by the driver) = %.1f segments/s", texts.size(),
                jobSeconds, wallSeconds, jobRate);

        // the model alone on the same texts, batched like the job (warm-up first: model load, JIT)
        embedAll(texts.subList(0, Math.min(64, texts.size())));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        embedAll(texts);
        double modelSeconds = (System.nanoTime() - t0) / 1e9;
        long modelCpu = os.getProcessCpuTime() - cpu0;
        double modelRate = texts.size() / modelSeconds;
        log("model alone: %d segments in %.1f s = %.1f segments/s", texts.size(), modelSeconds, modelRate);

        String cpu = serverCpu < 0 ? "" : String.format(Locale.ROOT, """

                CPU per segment: the server over the job (whole process, polling included) %.1f ms, the model alone \
                (this JVM) %.1f ms: the job's CPU is **%.0f%%** of the model's; PostgreSQL's backends of this \
                database over the job %.1f ms more. JIT compilations in the server during the job took %.1f s \
                (elapsed, summed over the compiler threads: a sign of how warm the server was, not CPU).
                """, serverCpu / 1e6 / texts.size(), modelCpu / 1e6 / texts.size(), 100.0 * serverCpu / modelCpu,
                dbCpu / 1e6 / texts.size(), jitSeconds);
        String out = String.format(Locale.ROOT, """
                Ingestion throughput, %d documents × %d sentences (txt, automatic rule), local model, warm server \
                (as many documents of %d sentences ingested first)

                | | segments | seconds | segments/s |
                |---|---|---|---|
                | ingestion job through HTTP (POST's created_at → last completed_at) | %d | %.1f | %.1f |
                | the local model alone on the same segment texts (batches of 32, one thread) | %d | %.1f | %.1f |

                Ingestion reaches **%.0f%%** of the model-alone rate.
                """, docs, sentences, warmup, texts.size(), jobSeconds, jobRate, texts.size(), modelSeconds, modelRate,
                100 * jobRate / modelRate) + cpu;
        if (System.getenv("OUT") != null) {
            Files.writeString(Path.of(System.getenv("OUT")), out);
        }
    }

    /** Starts ingesting the uploads and polls their batch (as a UI would) until every document is completed. */
    static JsonNode ingest(String token, String datasetId, List<String> uploads) throws Exception {
        int pollMillis = Integer.parseInt(System.getenv().getOrDefault("POLL_MS", "500"));
        String body = JSON.createObjectNode().set("upload_file_ids", JSON.valueToTree(uploads)).toString();
        String batch = send(json("/api/datasets/" + datasetId + "/documents", token, body)).path("batch").asText();
        while (true) {
            JsonNode view = send(get("/api/datasets/" + datasetId + "/documents/batch/" + batch, token));
            boolean finished = true;
            for (JsonNode doc : view.path("documents")) {
                String status = doc.path("status").asText();
                if (status.equals("error") || status.equals("paused")) {
                    throw new IllegalStateException("document " + doc);
                }
                finished &= status.equals("completed");
            }
            if (finished) {
                return view;
            }
            Thread.sleep(pollMillis);
        }
    }

    /** The server's user + system CPU time from /proc (clock ticks of 10 ms), or -1 without SERVER_PID. */
    static long serverCpuNanos() throws IOException {
        String pid = System.getenv("SERVER_PID");
        if (pid == null || pid.isBlank()) {
            return -1;
        }
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L; // utime, stime (fields 14, 15)
    }

    /** The server's JIT compilation time so far, elapsed (jcmd PerfCounter.print), or NaN without SERVER_PID. */
    static double serverJitSeconds() throws IOException, InterruptedException {
        String pid = System.getenv("SERVER_PID");
        if (pid == null || pid.isBlank()) {
            return Double.NaN;
        }
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), pid, "PerfCounter.print").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        double ticks = Double.NaN;
        double frequency = Double.NaN;
        for (String line : out.split("\n")) {
            if (line.startsWith("java.ci.totalTime=")) {
                ticks = Double.parseDouble(line.substring(line.indexOf('=') + 1).trim());
            } else if (line.startsWith("sun.os.hrt.frequency=")) {
                frequency = Double.parseDouble(line.substring(line.indexOf('=') + 1).trim());
            }
        }
        return ticks / frequency;
    }

    /** CPU time per PostgreSQL backend process serving DB_URL's database (pid → ns; from /proc). */
    static Map<Long, Long> databaseCpuNanos() throws IOException {
        String url = System.getenv().getOrDefault("DB_URL", "");
        String database = url.substring(url.lastIndexOf('/') + 1);
        Map<Long, Long> cpu = new HashMap<>();
        if (database.isEmpty()) {
            return cpu;
        }
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path proc : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                    if (cmdline.startsWith("postgres: ") && cmdline.contains(" " + database + " ")) {
                        String stat = Files.readString(proc.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        cpu.put(Long.parseLong(proc.getFileName().toString()),
                                (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L);
                    }
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return cpu;
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
