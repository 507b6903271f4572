package io.llmops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible model server on loopback for tests: {@code POST /chat/completions} (also under
 * {@code /v1} and any other prefix, so Azure-style deployment paths work) and {@code GET /models}.
 * Replies come from a FIFO script — plain answers, tool calls, HTTP errors and streams (SSE with an
 * initial and a per-chunk delay, streamed tool-call deltas, an optional usage chunk, or a connection
 * cut mid-stream) — and every request is recorded for assertions. When an API key is set, requests
 * must carry it as {@code Authorization: Bearer} (or Azure's {@code api-key} header), else 401.
 *
 * <pre>{@code
 * try (FakeOpenAiServer fake = FakeOpenAiServer.start().apiKey("sk-test")) {
 *     fake.enqueue(Reply.answer("Hello")).enqueue(Reply.stream("Hel", "lo").chunkDelayMillis(10));
 *     ... point a model at fake.baseUrl() ...
 *     fake.lastRequest().json().path("temperature")
 * }
 * }</pre>
 */
public final class FakeOpenAiServer implements AutoCloseable {

    /** Where fakes listen: the one loopback address the tests' SSRF allow-lists name. */
    public static final String HOST = "127.0.0.2";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile String apiKey;
    private volatile List<String> models = List.of("gpt-4o-mini", "gpt-4o");
    private volatile Reply whenEmpty = Reply.answer("Hello from the fake model");

    private FakeOpenAiServer(SSLContext tls) throws IOException {
        // 127.0.0.2: the loopback address test allow-lists name (the SSRF guard refuses the rest of loopback)
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getByName(HOST), 0);
        if (tls == null) {
            server = HttpServer.create(loopback, 0);
        } else {
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static FakeOpenAiServer start() {
        return startHttps(null);
    }

    /** Serves HTTPS with the given server context (clients that insist on TLS, like the Azure SDK with a key). */
    public static FakeOpenAiServer startHttps(SSLContext tls) {
        try {
            return new FakeOpenAiServer(tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base URL in OpenAI's form, ending in {@code /v1}. */
    public String baseUrl() {
        return rootUrl() + "/v1";
    }

    /** Scheme, host and port only (Azure endpoints, or clients that add {@code /v1} themselves). */
    public String rootUrl() {
        return (server instanceof HttpsServer ? "https" : "http") + "://" + HOST + ":" + server.getAddress().getPort();
    }

    /** Requires this key on every request from now on; {@code null} accepts any. */
    public FakeOpenAiServer apiKey(String key) {
        this.apiKey = key;
        return this;
    }

    /** The ids {@code GET /models} lists. */
    public FakeOpenAiServer models(String... ids) {
        this.models = List.of(ids);
        return this;
    }

    /** What chat requests get when the script is empty (by default a short plain answer). */
    public FakeOpenAiServer whenEmpty(Reply reply) {
        this.whenEmpty = reply;
        return this;
    }

    public FakeOpenAiServer enqueue(Reply... replies) {
        synchronized (script) {
            script.addAll(List.of(replies));
        }
        return this;
    }

    /** Forgets the script and the recorded requests. */
    public FakeOpenAiServer reset() {
        synchronized (script) {
            script.clear();
        }
        requests.clear();
        return this;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Recorded chat-completion requests only. */
    public List<RecordedRequest> chatRequests() {
        return requests.stream().filter(r -> r.path().endsWith("/chat/completions")).toList();
    }

    public RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("the fake model server received no request");
        }
        return requests.getLast();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One request as received: method, path (without query), query, headers (lower-case names) and body. */
    /** {@code receivedNanos}: System.nanoTime() when the body had been read (the chat bench's "model asked at"). */
    public record RecordedRequest(String method, String path, String query, Map<String, String> headers, String body,
                                  long receivedNanos) {
        public JsonNode json() {
            try {
                return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("request body is not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** One tool call the model asks for; {@code arguments} is the JSON text of the arguments. */
    public record ToolCall(String id, String name, String arguments) {
    }

    /** A scripted reply. Build with the static factories; tune streams with the wither methods. */
    public static final class Reply {
        private final int status;
        private final String errorType;
        private final String errorMessage;
        private final List<String> chunks;
        private final List<ToolCall> toolCalls;
        private final boolean streamed;
        private final long initialDelayMillis;
        private final long chunkDelayMillis;
        private final int cutAfterChunks;
        private final Integer promptTokens;
        private final Integer completionTokens;

        private Reply(int status, String errorType, String errorMessage, List<String> chunks, List<ToolCall> toolCalls,
                      boolean streamed, long initialDelayMillis, long chunkDelayMillis, int cutAfterChunks,
                      Integer promptTokens, Integer completionTokens) {
            this.status = status;
            this.errorType = errorType;
            this.errorMessage = errorMessage;
            this.chunks = List.copyOf(chunks);
            this.toolCalls = List.copyOf(toolCalls);
            this.streamed = streamed;
            this.initialDelayMillis = initialDelayMillis;
            this.chunkDelayMillis = chunkDelayMillis;
            this.cutAfterChunks = cutAfterChunks;
            this.promptTokens = promptTokens;
            this.completionTokens = completionTokens;
        }

        /** A plain answer; a streaming request gets it as one chunk per word. */
        public static Reply answer(String text) {
            return new Reply(200, null, null, splitWords(text), List.of(), false, 0, 0, -1, null, null);
        }

        /** The model asks for these tools (OpenAI {@code tool_calls}); streamed as argument deltas when asked to stream. */
        public static Reply toolCalls(ToolCall... calls) {
            return new Reply(200, null, null, List.of(), List.of(calls), false, 0, 0, -1, null, null);
        }

        public static Reply toolCall(String name, String arguments) {
            return toolCalls(new ToolCall("call_" + Integer.toHexString(name.hashCode() & 0xfffff), name, arguments));
        }

        /** An HTTP error with OpenAI's error document {@code {"error": {"message", "type", "code"}}}. */
        public static Reply error(int status, String message) {
            String type = switch (status) {
                case 401, 403 -> "invalid_request_error";
                case 429 -> "rate_limit_exceeded";
                default -> status >= 500 ? "server_error" : "invalid_request_error";
            };
            return new Reply(status, type, message, List.of(), List.of(), false, 0, 0, -1, null, null);
        }

        /** A streamed answer made of exactly these chunks. */
        public static Reply stream(String... chunks) {
            return new Reply(200, null, null, List.of(chunks), List.of(), true, 0, 0, -1, null, null);
        }

        /** A stream of {@code count} numbered tokens ("t0 ", "t1 ", …), for load tests. */
        public static Reply tokens(int count) {
            List<String> chunks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                chunks.add("t" + i + " ");
            }
            return new Reply(200, null, null, chunks, List.of(), true, 0, 0, -1, null, null);
        }

        public Reply initialDelayMillis(long millis) {
            return new Reply(status, errorType, errorMessage, chunks, toolCalls, streamed, millis, chunkDelayMillis,
                    cutAfterChunks, promptTokens, completionTokens);
        }

        public Reply chunkDelayMillis(long millis) {
            return new Reply(status, errorType, errorMessage, chunks, toolCalls, streamed, initialDelayMillis, millis,
                    cutAfterChunks, promptTokens, completionTokens);
        }

        /** Ends the connection abruptly after this many content chunks (no finish, no {@code [DONE]}). */
        public Reply cutAfter(int chunkCount) {
            return new Reply(status, errorType, errorMessage, chunks, toolCalls, streamed, initialDelayMillis,
                    chunkDelayMillis, chunkCount, promptTokens, completionTokens);
        }

        /** Usage to report instead of the word counts. */
        public Reply usage(int prompt, int completion) {
            return new Reply(status, errorType, errorMessage, chunks, toolCalls, streamed, initialDelayMillis,
                    chunkDelayMillis, cutAfterChunks, prompt, completion);
        }

        private static List<String> splitWords(String text) {
            List<String> parts = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\S+\\s*|\\s+").matcher(text);
            while (m.find()) {
                parts.add(m.group());
            }
            return parts.isEmpty() ? List.of(text) : parts;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            String path = exchange.getRequestURI().getPath();
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), path,
                    exchange.getRequestURI().getRawQuery(), headers, body, System.nanoTime());
            requests.add(request);
            if (!authorized(request)) {
                sendError(exchange, 401, "invalid_request_error", "Incorrect API key provided: " + mask(presentedKey(request)));
                return;
            }
            if ("GET".equals(request.method()) && path.endsWith("/models")) {
                sendModels(exchange);
            } else if ("POST".equals(request.method()) && path.endsWith("/chat/completions")) {
                chat(exchange, request);
            } else if ("POST".equals(request.method()) && path.endsWith("/embeddings")) {
                embeddings(exchange, request);
            } else {
                sendError(exchange, 404, "invalid_request_error", "Unknown path " + path);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or the reply was cut on purpose: nothing more to send
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean authorized(RecordedRequest request) {
        return apiKey == null || apiKey.equals(presentedKey(request));
    }

    private static String presentedKey(RecordedRequest request) {
        String bearer = request.header("authorization");
        if (bearer != null && bearer.startsWith("Bearer ")) {
            return bearer.substring("Bearer ".length());
        }
        return request.header("api-key");
    }

    private static String mask(String key) {
        return key == null || key.length() < 8 ? "****" : key.substring(0, 3) + "****" + key.substring(key.length() - 4);
    }

    private void sendModels(HttpExchange exchange) throws IOException {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String id : models) {
            data.addObject().put("id", id).put("object", "model").put("created", 1_700_000_000L).put("owned_by", "fake");
        }
        send(exchange, 200, list);
    }

    public List<RecordedRequest> embeddingRequests() {
        return requests.stream().filter(r -> r.path().endsWith("/embeddings")).toList();
    }

    /**
     * Deterministic bag-of-words vectors (each lower-cased word adds to one hashed dimension, then
     * normalised): texts sharing words are similar, so retrieval over them behaves like a real model's.
     * 3072 dimensions for a "large" model (by name or Azure deployment path), else 1536.
     */
    private void embeddings(HttpExchange exchange, RecordedRequest request) throws IOException {
        JsonNode json = request.json();
        String model = json.path("model").asText(request.path());
        int dimensions = model.contains("large") || request.path().contains("large") ? 3072 : 1536;
        List<String> inputs = new ArrayList<>();
        if (json.path("input").isArray()) {
            json.path("input").forEach(node -> inputs.add(node.asText()));
        } else {
            inputs.add(json.path("input").asText());
        }
        ObjectNode reply = JSON.createObjectNode().put("object", "list").put("model", model);
        ArrayNode data = reply.putArray("data");
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            float[] vector = new float[dimensions];
            for (String word : inputs.get(i).toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (!word.isEmpty()) {
                    vector[Math.floorMod(word.hashCode(), dimensions)] += 1;
                    tokens++;
                }
            }
            double norm = 0;
            for (float v : vector) {
                norm += v * v;
            }
            ArrayNode embedding = data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
            for (float v : vector) {
                embedding.add(norm == 0 ? 0 : v / Math.sqrt(norm));
            }
        }
        reply.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        send(exchange, 200, reply);
    }

    private void chat(HttpExchange exchange, RecordedRequest request) throws IOException, InterruptedException {
        Reply reply;
        synchronized (script) {
            reply = script.isEmpty() ? whenEmpty : script.poll();
        }
        JsonNode json = request.json();
        if (reply.initialDelayMillis > 0) {
            Thread.sleep(reply.initialDelayMillis);
        }
        if (reply.status != 200) {
            sendError(exchange, reply.status, reply.errorType, reply.errorMessage);
            return;
        }
        String model = json.path("model").asText("fake-model");
        int prompt = reply.promptTokens != null ? reply.promptTokens : promptWords(json);
        int completion = reply.completionTokens != null ? reply.completionTokens
                : reply.chunks.size() + reply.toolCalls.size();
        if (json.path("stream").asBoolean(false)) {
            stream(exchange, reply, model, prompt, completion, json.path("stream_options").path("include_usage").asBoolean(false));
        } else {
            send(exchange, 200, completion(reply, model, prompt, completion));
        }
    }

    private ObjectNode completion(Reply reply, String model, int prompt, int completion) {
        ObjectNode root = header("chat.completion", model);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (reply.toolCalls.isEmpty()) {
            message.put("content", String.join("", reply.chunks));
            choice.put("finish_reason", "stop");
        } else {
            message.putNull("content");
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCall call : reply.toolCalls) {
                calls.addObject().put("id", call.id()).put("type", "function")
                        .putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
            choice.put("finish_reason", "tool_calls");
        }
        usage(root, prompt, completion);
        return root;
    }

    private void stream(HttpExchange exchange, Reply reply, String model, int prompt, int completion, boolean includeUsage)
            throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        // a cut stream declares a length it never sends, so closing it breaks the connection mid-reply
        exchange.sendResponseHeaders(200, reply.cutAfterChunks >= 0 ? 1L << 40 : 0);
        OutputStream out = exchange.getResponseBody();
        String id = "chatcmpl-" + ids.incrementAndGet();
        ObjectNode first = chunk(id, model);
        ((ObjectNode) first.withArray("choices").get(0).get("delta")).put("role", "assistant").put("content", "");
        event(out, first);
        int sent = 0;
        for (String text : reply.chunks) {
            if (reply.cutAfterChunks >= 0 && sent >= reply.cutAfterChunks) {
                return;
            }
            pause(reply);
            ObjectNode chunk = chunk(id, model);
            ((ObjectNode) chunk.withArray("choices").get(0).get("delta")).put("content", text);
            event(out, chunk);
            sent++;
        }
        for (int index = 0; index < reply.toolCalls.size(); index++) {
            ToolCall call = reply.toolCalls.get(index);
            pause(reply);
            ObjectNode start = chunk(id, model);
            ((ObjectNode) start.withArray("choices").get(0).get("delta")).putArray("tool_calls").addObject()
                    .put("index", index).put("id", call.id()).put("type", "function")
                    .putObject("function").put("name", call.name()).put("arguments", "");
            event(out, start);
            for (String piece : halves(call.arguments())) {
                pause(reply);
                ObjectNode delta = chunk(id, model);
                ((ObjectNode) delta.withArray("choices").get(0).get("delta")).putArray("tool_calls").addObject()
                        .put("index", index).putObject("function").put("arguments", piece);
                event(out, delta);
            }
        }
        if (reply.cutAfterChunks >= 0) {
            return;
        }
        ObjectNode last = chunk(id, model);
        ((ObjectNode) last.withArray("choices").get(0)).put("finish_reason", reply.toolCalls.isEmpty() ? "stop" : "tool_calls");
        event(out, last);
        if (includeUsage) {
            ObjectNode usage = header("chat.completion.chunk", model).put("id", id);
            usage.putArray("choices");
            usage(usage, prompt, completion);
            event(out, usage);
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void pause(Reply reply) throws InterruptedException {
        if (reply.chunkDelayMillis > 0) {
            Thread.sleep(reply.chunkDelayMillis);
        }
    }

    private static List<String> halves(String arguments) {
        if (arguments.length() < 2) {
            return List.of(arguments);
        }
        int middle = arguments.length() / 2;
        return List.of(arguments.substring(0, middle), arguments.substring(middle));
    }

    private ObjectNode chunk(String id, String model) {
        ObjectNode chunk = header("chat.completion.chunk", model).put("id", id);
        chunk.putArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta");
        return chunk;
    }

    private ObjectNode header(String object, String model) {
        return JSON.createObjectNode().put("id", "chatcmpl-" + ids.incrementAndGet()).put("object", object)
                .put("created", System.currentTimeMillis() / 1000).put("model", model);
    }

    private static void usage(ObjectNode root, int prompt, int completion) {
        root.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    private static int promptWords(JsonNode request) {
        int words = 0;
        for (JsonNode message : request.path("messages")) {
            String content = message.path("content").isTextual() ? message.path("content").asText() : message.path("content").toString();
            words += content.isBlank() ? 0 : content.strip().split("\\s+").length;
        }
        return Math.max(words, 1);
    }

    private static void event(OutputStream out, JsonNode data) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sendError(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("message", message).put("type", type).put("code", switch (status) {
            case 401 -> "invalid_api_key";
            case 429 -> "rate_limit_exceeded";
            default -> status >= 500 ? "server_error" : "invalid_request";
        }).putNull("param");
        send(exchange, status, error);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
