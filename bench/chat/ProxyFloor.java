import com.sun.net.httpserver.HttpServer;
import io.llmops.testing.FakeOpenAiServer;
import io.llmops.testing.FakeOpenAiServer.Reply;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The first-token floor of any proxy, without Payara or the platform: the realistic fake model (200 ms, then
 * 50 tokens 10 ms apart) asked for a streamed chat directly, and through a proxy that does nothing but pass the
 * request on and copy the stream back chunk by chunk (a JDK HttpServer and the JDK HttpClient, in this JVM),
 * alternating, one at a time. The difference is what one extra hop each way costs on this machine when the
 * CPUs have been idle while the model thought — the part of the chat benchmark's "first token added" that no
 * platform code can remove.
 * <p>
 * Run with the driver's class path (FakeOpenAiServer) and {@code -Dsun.net.httpserver.nodelay=true}.
 * Environment: N (turns per side, default 100), OUT (appends a line).
 */
public class ProxyFloor {

    private static final String KEY = "sk-proxy-floor";
    private static final String BODY = "{\"model\":\"gpt-4o-mini\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about the weather\"}]}";

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(System.getenv().getOrDefault("N", "100"));
        HttpClient client = HttpClient.newHttpClient();
        try (FakeOpenAiServer fake = FakeOpenAiServer.start().apiKey(KEY)) {
            fake.whenEmpty(Reply.tokens(50).initialDelayMillis(200).chunkDelayMillis(10).usage(20, 50));
            HttpServer proxy = proxyTo(URI.create(fake.baseUrl() + "/chat/completions"));
            try {
                URI direct = URI.create(fake.baseUrl() + "/chat/completions");
                URI proxied = URI.create("http://127.0.0.2:" + proxy.getAddress().getPort() + "/v1/chat/completions");
                for (int i = 0; i < 10; i++) {
                    firstToken(client, direct);
                    firstToken(client, proxied);
                    fake.reset();
                }
                long[] viaDirect = new long[n];
                long[] viaProxy = new long[n];
                for (int i = 0; i < n; i++) {
                    viaDirect[i] = firstToken(client, direct);
                    viaProxy[i] = firstToken(client, proxied);
                    if (i % 20 == 0) {
                        fake.reset();   // it records every request
                    }
                }
                double direct50 = FloorReport.ms(viaDirect, 50);
                double proxy50 = FloorReport.ms(viaProxy, 50);
                String line = String.format("Proxy floor (1 client, %d streamed turns per side, realistic fake): first token "
                                + "direct p50 %.2f p90 %.2f ms, through a do-nothing JDK proxy p50 %.2f p90 %.2f ms: "
                                + "a proxy adds %.2f ms at p50",
                        n, direct50, FloorReport.ms(viaDirect, 90), proxy50, FloorReport.ms(viaProxy, 90), proxy50 - direct50);
                FloorReport.report(line);
            } finally {
                proxy.stop(0);
            }
        }
    }

    /** Passes each request on to {@code target} and copies the answer back as it arrives, flushing every read. */
    private static HttpServer proxyTo(URI target) throws IOException {
        HttpClient upstream = HttpClient.newHttpClient();
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        proxy.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            try {
                HttpResponse<InputStream> answer = upstream.send(HttpRequest.newBuilder(target)
                        .header("Authorization", exchange.getRequestHeaders().getFirst("Authorization"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(answer.statusCode(), 0);
                try (InputStream in = answer.body(); OutputStream out = exchange.getResponseBody()) {
                    byte[] buffer = new byte[8192];
                    for (int read; (read = in.read(buffer)) >= 0; ) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        proxy.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        proxy.start();
        return proxy;
    }

    /** Send → the first SSE line carrying a non-empty content delta; reads the stream to its end. */
    private static long firstToken(HttpClient client, URI uri) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<java.util.stream.Stream<String>> response = client.send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        long[] first = {-1};
        try (var lines = response.body()) {
            lines.forEach(line -> {
                if (first[0] < 0 && line.startsWith("data:") && line.contains("\"content\":\"")
                        && !line.contains("\"content\":\"\"")) {
                    first[0] = System.nanoTime() - start;
                }
            });
        }
        if (first[0] < 0) {
            throw new IllegalStateException(uri + " streamed no token");
        }
        return first[0];
    }
}
