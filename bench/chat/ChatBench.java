import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.llmops.testing.FakeOpenAiServer;
import io.llmops.testing.FakeOpenAiServer.Reply;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chat-turn overhead: the platform's debug chat (POST /api/apps/{id}/conversations) vs the same
 * call made directly with LangChain4j's OpenAiStreamingChatModel, both against one FakeOpenAiServer
 * running in this JVM on loopback. See bench/README.md, section "Chat turn overhead".
 *
 * Environment: BASE (platform URL), SERVER_PID (Payara pid, for CPU accounting, optional), OUT (markdown
 * summary file), N1 / N50 (measured requests per side at concurrency 1 / 50, realistic model),
 * N1_FAST / N50_FAST (same, no-delay model), WARMUP (warm-up requests per side and response mode),
 * CONCURRENCY (default "1,50") and MODELS (default "no-delay,realistic") to run a subset of the cells, RAMP_MS
 * (default 750: with c clients, client i sends its first turn i * RAMP_MS / c ms after the cell starts; 0 = all at once).
 */
public class ChatBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "sk-chat-bench-key";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static String base;
    static long serverPid;

    record Client(String token, String appId) {}

    /** {@code askedNs}: send → the fake has the model request (1 client only, else -1): the pre-model path. */
    record Sample(long totalNs, long firstTokenNs, boolean ok, long askedNs) {
        Sample(long totalNs, long firstTokenNs, boolean ok) {
            this(totalNs, firstTokenNs, ok, -1);
        }

        Sample asked(long startNs) {
            if (FAKE == null || FAKE.requests().isEmpty()) {
                return this;
            }
            return new Sample(totalNs, firstTokenNs, ok, FAKE.lastRequest().receivedNanos() - startNs);
        }
    }

    static FakeOpenAiServer FAKE;

    record Cell(String model, String mode, int concurrency, String side, List<Sample> samples, double serverCpuMsPerReq,
                double wallS) {}

    public static void main(String[] args) throws Exception {
        base = env("BASE", "http://127.0.0.1:18080");
        serverPid = Long.parseLong(env("SERVER_PID", "0"));
        int n1 = Integer.parseInt(env("N1", "100"));
        int n50 = Integer.parseInt(env("N50", "1000"));
        int n1Fast = Integer.parseInt(env("N1_FAST", "300"));
        int n50Fast = Integer.parseInt(env("N50_FAST", "1000"));
        int warmup = Integer.parseInt(env("WARMUP", "300"));
        // subsets while iterating, e.g. CONCURRENCY=1 MODELS=realistic
        List<Integer> concurrencies = Arrays.stream(env("CONCURRENCY", "1,50").split(",")).map(String::strip)
                .map(Integer::parseInt).toList();
        List<String> models = Arrays.stream(env("MODELS", "no-delay,realistic").split(",")).map(String::strip).toList();
        Path out = Path.of(env("OUT", "/tmp/chat-bench-summary.md"));

        Reply realistic = Reply.tokens(50).initialDelayMillis(200).chunkDelayMillis(10).usage(20, 50);
        Reply fast = Reply.tokens(50).usage(20, 50);
        try (FakeOpenAiServer fake = FakeOpenAiServer.start().apiKey(KEY)) {
            fake.whenEmpty(fast);
            FAKE = fake;
            log("fake model at " + fake.baseUrl());
            // one account (own workspace, credentials, app) per concurrent client, like 50 builders
            List<Client> clients = setUp(50, fake.baseUrl());
            // direct: one model built once and reused, the usual way to use LangChain4j
            StreamingChatModel direct = OpenAiStreamingChatModel.builder().baseUrl(fake.baseUrl()).apiKey(KEY)
                    .modelName("gpt-4o-mini").timeout(Duration.ofSeconds(60)).build();

            // at the run's highest concurrency, so pools (connections to PostgreSQL and to the model) have grown
            // to it before anything is measured: a measured cell starts warm, as a server under steady load is
            int warmupClients = concurrencies.stream().mapToInt(Integer::intValue).max().orElse(8);
            log("warm-up: " + warmup + " requests per side and response mode (no-delay model, " + warmupClients + " clients)");
            for (String mode : List.of("streaming", "blocking")) {
                run("platform", mode, warmupClients, warmup, clients, direct);
                run("direct", mode, warmupClients, warmup, clients, direct);
            }
            // and the realistic model's paths (a measured half right after the no-delay warm-up still ran ~10 ms
            // slower at 50 clients than the second half of the same cell): ten turns per client and mode
            if (models.contains("realistic")) {
                fake.whenEmpty(realistic);
                log("warm-up: " + 10 * warmupClients + " realistic turns per side and response mode");
                for (String mode : List.of("streaming", "blocking")) {
                    run("platform", mode, warmupClients, 10 * warmupClients, clients, direct);
                    run("direct", mode, warmupClients, 10 * warmupClients, clients, direct);
                }
            }
            clearRecordedRequests(fake);

            List<Cell> cells = new ArrayList<>();
            for (String model : models) {
                fake.whenEmpty(model.equals("realistic") ? realistic : fast);
                for (int concurrency : concurrencies) {
                    for (String mode : List.of("streaming", "blocking")) {
                        int n = model.equals("realistic") ? (concurrency == 1 ? n1 : n50) : (concurrency == 1 ? n1Fast : n50Fast);
                        // one uncounted turn per client and side first: after the 1-client cells the other 49 builders
                        // had been idle for ~5 minutes, so their first turns found the turn-input cache expired
                        // (300 s) and the pools shrunk; the cell measures builders in a conversation, not coming back
                        oneTurnEach("platform", mode, concurrency, clients, direct);
                        oneTurnEach("direct", mode, concurrency, clients, direct);
                        // ABBA: platform half, direct, direct, platform half, so drift hits both sides alike
                        int half = n / 2;
                        Cell p1 = measure(model, mode, concurrency, "platform", half, clients, direct);
                        Cell d1 = measure(model, mode, concurrency, "direct", half, clients, direct);
                        Cell d2 = measure(model, mode, concurrency, "direct", n - half, clients, direct);
                        Cell p2 = measure(model, mode, concurrency, "platform", n - half, clients, direct);
                        cells.add(merge(p1, p2));
                        cells.add(merge(d1, d2));
                        clearRecordedRequests(fake);
                        log(line(cells.get(cells.size() - 2)) + "\n" + line(cells.getLast()));
                    }
                }
            }
            // one realistic streaming turn each way: when did each token arrive (ms after the request was sent)?
            fake.whenEmpty(realistic);
            String timeline = "\nArrival of the 50 `message` events of one realistic streaming turn, ms after sending "
                    + "(tokens 1-5, 10, 20, 30, 35, 40, 50):\n\n"
                    + "- platform: " + pick(platformTimeline(clients.getFirst())) + "\n"
                    + "- direct:   " + pick(directTimeline(direct)) + "\n";
            String summary = summary(cells) + timeline;
            Files.writeString(out, summary);
            if (RAW != null) {
                Files.write(Path.of(System.getenv("SAMPLES")), RAW);
            }
            System.out.println(summary);
        }
        System.exit(0);
    }

    /** The fake records every request; drop them between cells so its list stays small. */
    static void clearRecordedRequests(FakeOpenAiServer fake) {
        fake.reset();
    }

    static Cell merge(Cell a, Cell b) {
        List<Sample> all = new ArrayList<>(a.samples());
        all.addAll(b.samples());
        int na = a.samples().size(), nb = b.samples().size();
        double cpu = (a.serverCpuMsPerReq() * na + b.serverCpuMsPerReq() * nb) / (na + nb);
        return new Cell(a.model(), a.mode(), a.concurrency(), a.side(), all, cpu, a.wallS() + b.wallS());
    }

    static Cell measure(String model, String mode, int concurrency, String side, int n, List<Client> clients,
                        StreamingChatModel direct) throws Exception {
        long cpu0 = serverCpuMs();
        long t0 = System.nanoTime();
        List<Sample> samples = run(side, mode, concurrency, n, clients, direct);
        double wall = (System.nanoTime() - t0) / 1e9;
        long cpu1 = serverCpuMs();
        return new Cell(model, mode, concurrency, side, samples, (cpu1 - cpu0) / (double) n, wall);
    }

    /**
     * A closed loop: {@code concurrency} virtual threads, each sending its next request when the last one ended.
     * Their first requests are spread over {@code RAMP_MS} (about one realistic turn): started together, the
     * clients would stay in lockstep, a burst of every client at once every turn, which is not what many users
     * chatting independently look like (bench/README.md, "Ramp").
     */
    static List<Sample> run(String side, String mode, int concurrency, int n, List<Client> clients,
                            StreamingChatModel direct) throws Exception {
        AtomicInteger left = new AtomicInteger(n);
        List<List<Sample>> perWorker = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                Client client = clients.get(w % clients.size());
                List<Sample> mine = new ArrayList<>();
                perWorker.add(mine);
                long delayMillis = (long) w * RAMP_MS / concurrency;
                done.add(CompletableFuture.runAsync(() -> {
                    sleep(delayMillis);
                    while (left.getAndDecrement() > 0) {
                        long start = System.nanoTime();
                        Sample sample = side.equals("platform") ? platform(client, mode) : direct(direct, mode);
                        mine.add(concurrency == 1 ? sample.asked(start) : sample);
                        if (RAW != null) {
                            RAW.add(String.format("%s,%s,%d,%.1f,%.2f,%.2f", side, mode, concurrency,
                                    (start - RUN_START) / 1e6, sample.totalNs() / 1e6, sample.firstTokenNs() / 1e6));
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
        }
        List<Sample> all = new ArrayList<>();
        perWorker.forEach(all::addAll);
        return all;
    }

    /** Exactly one uncounted turn for each of the first {@code concurrency} clients, all at once. */
    static void oneTurnEach(String side, String mode, int concurrency, List<Client> clients, StreamingChatModel direct)
            throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Client client : clients.subList(0, concurrency)) {
                pool.submit(() -> side.equals("platform") ? platform(client, mode) : direct(direct, mode));
            }
        }
    }

    static final long RAMP_MS = Long.parseLong(env("RAMP_MS", "750"));
    static final long RUN_START = System.nanoTime();
    /** With SAMPLES=file: every turn as side,mode,clients,sent at (ms since the driver started),total ms,first token ms. */
    static final java.util.Queue<String> RAW = System.getenv("SAMPLES") == null ? null
            : new java.util.concurrent.ConcurrentLinkedQueue<>();

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final String QUERY = "Count to fifty, please.";

    static Sample platform(Client client, String mode) {
        ObjectNode body = JSON.createObjectNode().put("query", QUERY).put("response_mode", mode);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/apps/" + client.appId() + "/conversations"))
                .header("Authorization", "Bearer " + client.token()).header("Content-Type", "application/json")
                .header("Accept", mode.equals("streaming") ? "text/event-stream" : "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        long start = System.nanoTime();
        try {
            if (mode.equals("blocking")) {
                HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long end = System.nanoTime();
                boolean ok = response.statusCode() == 200 && JSON.readTree(response.body()).path("answer").asText().startsWith("t0 ");
                if (!ok) {
                    warn("platform blocking: " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
                }
                return new Sample(end - start, -1, ok);
            }
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            long first = -1, end = -1;
            boolean ok = false;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String pending = null;
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("event: ")) {
                        pending = line.substring(7);
                    } else if (line.startsWith("data:") && pending != null) {
                        long now = System.nanoTime();
                        if (pending.equals("message") && first < 0) {
                            first = now;
                        } else if (pending.equals("message_end")) {
                            end = now;
                            ok = first > 0;
                        } else if (pending.equals("error")) {
                            end = now;
                            warn("platform streaming error event: " + line);
                        }
                        pending = null;
                    }
                }
            }
            if (response.statusCode() != 200 || end < 0) {
                warn("platform streaming: status " + response.statusCode() + ", no terminal event");
                return new Sample(System.nanoTime() - start, -1, false);
            }
            return new Sample(end - start, first < 0 ? -1 : first - start, ok);
        } catch (Exception e) {
            warn("platform: " + e);
            return new Sample(System.nanoTime() - start, -1, false);
        }
    }

    /** Streaming model either way: blocking = collected to completion, as the platform's blocking mode does. */
    static Sample direct(StreamingChatModel model, String mode) {
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from(QUERY)).build();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        long[] first = {-1};
        long start = System.nanoTime();
        model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                if (first[0] < 0) {
                    first[0] = System.nanoTime();
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            ChatResponse response = done.get(60, TimeUnit.SECONDS);
            long end = System.nanoTime();
            boolean ok = response.aiMessage().text().startsWith("t0 ");
            return new Sample(end - start, mode.equals("streaming") && first[0] > 0 ? first[0] - start : -1, ok);
        } catch (Exception e) {
            warn("direct: " + e);
            return new Sample(System.nanoTime() - start, -1, false);
        }
    }

    static String pick(List<Long> offsets) {
        StringBuilder sb = new StringBuilder();
        for (int i : new int[] {1, 2, 3, 4, 5, 10, 20, 30, 35, 40, 50}) {
            if (i <= offsets.size()) {
                sb.append(i == 1 ? "" : ", ").append("#").append(i).append(" ").append(offsets.get(i - 1) / 1_000_000);
            }
        }
        return sb.append(" (").append(offsets.size()).append(" events)").toString();
    }

    static List<Long> platformTimeline(Client client) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("query", QUERY).put("response_mode", "streaming");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/apps/" + client.appId() + "/conversations"))
                .header("Authorization", "Bearer " + client.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        List<Long> offsets = new ArrayList<>();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.equals("event: message")) {
                    offsets.add(System.nanoTime() - start);
                }
            }
        }
        return offsets;
    }

    static List<Long> directTimeline(StreamingChatModel model) throws Exception {
        List<Long> offsets = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        long start = System.nanoTime();
        model.chat(ChatRequest.builder().messages(UserMessage.from(QUERY)).build(), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                offsets.add(System.nanoTime() - start);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        done.get(60, TimeUnit.SECONDS);
        return offsets;
    }

    // --- setup over HTTP ------------------------------------------------------------------------------

    static List<Client> setUp(int count, String fakeBaseUrl) throws Exception {
        long stamp = System.currentTimeMillis();
        List<Client> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<Client>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> client("bench-" + stamp + "-" + index + "@example.com", fakeBaseUrl)));
            }
            for (var f : futures) {
                clients.add(f.get());
            }
        }
        log(count + " accounts with an app each");
        return clients;
    }

    static Client client(String email, String fakeBaseUrl) throws Exception {
        JsonNode registered = call("POST", "/api/auth/register", null,
                JSON.createObjectNode().put("email", email).put("password", "bench-password").put("name", "Bench"), 200);
        String token = registered.path("access_token").asText();
        call("PUT", "/api/model-providers/openai/credentials", token,
                JSON.createObjectNode().put("api_key", KEY).put("base_url", fakeBaseUrl), 200);
        String appId = call("POST", "/api/apps", token, JSON.createObjectNode().put("name", "Bench bot"), 201)
                .path("id").asText();
        ObjectNode config = JSON.createObjectNode();
        config.putObject("model_config").put("provider", "openai").put("model", "gpt-4o-mini");
        config.put("dialog_round", 0);
        call("PATCH", "/api/apps/" + appId + "/draft-config", token, config, 200);
        return new Client(token, appId);
    }

    static JsonNode call(String method, String path, String token, JsonNode body, int expectedIgnored) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    // --- numbers --------------------------------------------------------------------------------------

    static long serverCpuMs() {
        if (serverPid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);   // utime + stime (fields 14, 15)
            return ticks * 10;   // CLK_TCK = 100
        } catch (Exception e) {
            return 0;
        }
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    static long[] totals(Cell c) {
        return c.samples().stream().filter(Sample::ok).mapToLong(Sample::totalNs).sorted().toArray();
    }

    static long[] firsts(Cell c) {
        return c.samples().stream().filter(s -> s.ok() && s.firstTokenNs() >= 0).mapToLong(Sample::firstTokenNs).sorted().toArray();
    }

    static long[] askeds(Cell c) {
        return c.samples().stream().filter(s -> s.ok() && s.askedNs() >= 0).mapToLong(Sample::askedNs).sorted().toArray();
    }

    static long errors(Cell c) {
        return c.samples().stream().filter(s -> !s.ok()).count();
    }

    static String line(Cell c) {
        long[] t = totals(c), f = firsts(c);
        return String.format("%-9s %-9s c=%-2d %-8s n=%d err=%d total p50 %.1f p99 %.1f ms, first token p50 %.1f p99 %.1f ms, "
                        + "server CPU %.2f ms/req, %.1f req/s",
                c.model(), c.mode(), c.concurrency(), c.side(), c.samples().size(), errors(c), pct(t, 50), pct(t, 99),
                pct(f, 50), pct(f, 99), c.serverCpuMsPerReq(), c.samples().size() / c.wallS())
                + (askeds(c).length == 0 ? "" : String.format(", model asked p50 %.2f ms", pct(askeds(c), 50)));
    }

    static String summary(List<Cell> cells) {
        Map<String, Cell[]> pairs = new LinkedHashMap<>();
        for (Cell c : cells) {
            String key = c.model() + "|" + c.mode() + "|" + c.concurrency();
            pairs.computeIfAbsent(key, k -> new Cell[2])[c.side().equals("platform") ? 0 : 1] = c;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| Model | Mode | Clients | n (platform / direct) | Errors | Total p50: platform / direct / added / ratio "
                + "| Total p99: platform / direct / added / ratio | First token p50: platform / direct / added "
                + "| First token p99: platform / direct / added | Model asked p50: platform / direct / added "
                + "| Platform req/s | Server CPU per turn |\n");
        sb.append("|---|---|---:|---:|---:|---|---|---|---|---|---:|---:|\n");
        for (Cell[] pair : pairs.values()) {
            Cell p = pair[0], d = pair[1];
            long[] pt = totals(p), dt = totals(d), pf = firsts(p), df = firsts(d);
            double p50 = pct(pt, 50), d50 = pct(dt, 50), p99 = pct(pt, 99), d99 = pct(dt, 99);
            String ttft50 = "–", ttft99 = "–";
            if (p.mode().equals("streaming")) {
                double a = pct(pf, 50), b = pct(df, 50), c99 = pct(pf, 99), e99 = pct(df, 99);
                ttft50 = String.format("%.1f / %.1f / **%+.1f ms**", a, b, a - b);
                ttft99 = String.format("%.1f / %.1f / %+.1f ms", c99, e99, c99 - e99);
            }
            long[] pa = askeds(p), da = askeds(d);
            String asked = pa.length == 0 || da.length == 0 ? "–"
                    : String.format("%.1f / %.1f / %+.1f ms", pct(pa, 50), pct(da, 50), pct(pa, 50) - pct(da, 50));
            sb.append(String.format("| %s | %s | %d | %d / %d | %d / %d | %.1f / %.1f / **%+.1f ms** / %.3f | %.1f / %.1f / **%+.1f ms** / %.3f "
                            + "| %s | %s | %s | %.0f | %.2f ms |\n",
                    p.model(), p.mode(), p.concurrency(), p.samples().size(), d.samples().size(), errors(p), errors(d),
                    p50, d50, p50 - d50, p50 / d50, p99, d99, p99 - d99, p99 / d99, ttft50, ttft99, asked,
                    p.samples().size() / p.wallS(), p.serverCpuMsPerReq()));
        }
        return sb.toString();
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static void log(String message) {
        System.err.println("[" + java.time.LocalTime.now().withNano(0) + "] " + message);
    }

    static final AtomicInteger WARNINGS = new AtomicInteger();

    static void warn(String message) {
        if (WARNINGS.incrementAndGet() <= 20) {
            log("WARN " + message);
        }
    }
}
