package io.llmops.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.llmops.platform.outbound.OutboundHttp;
import io.llmops.platform.outbound.SsrfGuard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * One loopback HTTP server standing in for the upstreams of built-in tools (DuckDuckGo, Amap,
 * OpenAI images, Wikipedia, Serper, web pages). Tests program canned replies by path prefix (the
 * longest matching prefix answers; programming a prefix again replaces its reply) and read the
 * recorded requests. Unprogrammed paths answer 404.
 *
 * <pre>{@code
 * fake.respond("/wikipedia/en/w/api.php", 200, FakeUpstreams.JSON, FakeUpstreams.resource("upstreams/wikipedia-search.json"));
 * }</pre>
 */
public final class FakeUpstreams implements AutoCloseable {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";

    /** One recorded request: method, raw path with decoded query, headers (lower-case names) and body. */
    public record Request(String method, String path, String query, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private record Canned(int status, String contentType, byte[] body, String location) {
    }

    private final HttpServer server;
    private final Map<String, Canned> replies = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeUpstreams(String host) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** On 127.0.0.2: the loopback address test allow-lists name (the SSRF guard refuses the rest of loopback). */
    public static FakeUpstreams start() {
        return start("127.0.0.2");
    }

    /** On the given loopback address (ITs use 127.0.0.2, the address the server's SSRF allow-list names). */
    public static FakeUpstreams start(String host) {
        try {
            return new FakeUpstreams(host);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The client unit tests call upstreams with: the production one, short timeouts. Once the SSRF
     * guard is inside OutboundHttp, this is the one place that must allow-list 127.0.0.2.
     */
    public static OutboundHttp outboundHttp() {
        return new OutboundHttp(Duration.ofSeconds(2), Duration.ofSeconds(5), 2 * 1024 * 1024, new SsrfGuard("127.0.0.2"));
    }

    /** A test resource as text (recorded upstream answers live under {@code upstreams/}). */
    public static String resource(String name) {
        try (InputStream in = FakeUpstreams.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    public FakeUpstreams respond(String pathPrefix, int status, String contentType, String body) {
        replies.put(pathPrefix, new Canned(status, contentType, body.getBytes(StandardCharsets.UTF_8), null));
        return this;
    }

    /** Answers requests under the prefix with a 302 to {@code location} (for redirect re-check tests). */
    public FakeUpstreams redirect(String pathPrefix, String location) {
        replies.put(pathPrefix, new Canned(302, "text/plain", new byte[0], location));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests whose path starts with the prefix, oldest first. */
    public List<Request> requests(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    public Request lastRequest(String pathPrefix) {
        List<Request> matching = requests(pathPrefix);
        if (matching.isEmpty()) {
            throw new AssertionError("no request to " + pathPrefix + " among " + requests);
        }
        return matching.getLast();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), path,
                    rawQuery == null ? "" : URLDecoder.decode(rawQuery, StandardCharsets.UTF_8), headers, body));
            Canned canned = replies.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
                    .max(java.util.Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue)
                    .orElse(new Canned(404, "text/plain", "not programmed".getBytes(StandardCharsets.UTF_8), null));
            exchange.getResponseHeaders().set("Content-Type", canned.contentType());
            if (canned.location() != null) {
                exchange.getResponseHeaders().set("Location", canned.location());
            }
            exchange.sendResponseHeaders(canned.status(), canned.body().length == 0 ? -1 : canned.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(canned.body());
            }
        }
    }

    /** Stops the server and answers its port: a port nothing listens on (for unreachable-host tests). */
    public int closeAndPort() {
        int port = server.getAddress().getPort();
        close();
        return port;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
