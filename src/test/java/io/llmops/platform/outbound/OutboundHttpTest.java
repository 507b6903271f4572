package io.llmops.platform.outbound;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.llmops.testing.LoopbackTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a loopback server on 127.0.0.2, which the guard allow-lists (127.0.0.1 stays refused). */
class OutboundHttpTest {

    record Seen(String method, String path, String body, String authorization) {
    }

    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicLong streamed = new AtomicLong();
    private HttpServer server;
    private HttpServer other;
    private OutboundHttp http;

    @BeforeEach
    void start() throws IOException {
        http = new OutboundHttp(Duration.ofSeconds(2), Duration.ofMillis(500), 16, new SsrfGuard("127.0.0.2"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.2"), 0), 0);
        server.createContext("/small", exchange -> reply(exchange, 200, "hello"));
        server.createContext("/missing", exchange -> reply(exchange, 404, "nope"));
        server.createContext("/large", exchange -> reply(exchange, 200, "x".repeat(17)));
        server.createContext("/exact", exchange -> reply(exchange, 200, "x".repeat(16)));
        server.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no length: only streaming can stop it
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[8192];
                for (int i = 0; i < 100_000; i++) {
                    out.write(chunk);
                    streamed.addAndGet(chunk.length);
                }
            } catch (IOException expected) {
                // the client hung up
            }
        });
        server.createContext("/echo", exchange -> reply(exchange, 200, exchange.getRequestMethod() + " "
                + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        server.createContext("/to", exchange -> {
            // /to/<status>?<location>
            int status = Integer.parseInt(exchange.getRequestURI().getPath().substring(4));
            exchange.getResponseHeaders().add("Location", exchange.getRequestURI().getRawQuery());
            reply(exchange, status, "");
        });
        server.createContext("/hops", exchange -> {
            int left = Integer.parseInt(exchange.getRequestURI().getPath().substring(6));
            exchange.getResponseHeaders().add("Location", left == 0 ? "/small" : "/hops/" + (left - 1));
            reply(exchange, 302, "");
        });
        server.createContext("/drip", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {   // a byte every 200 ms: each read is in time, the whole is not
                    out.write('x');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException expected) {
                // the client hung up
            }
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, "late");
        });
        server.setExecutor(executor);
        server.start();
        other = HttpServer.create(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.2"), 0), 0);
        other.createContext("/", exchange -> reply(exchange, 200, "other"));
        other.setExecutor(executor);
        other.start();
    }

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        http.close();
        server.stop(0);
        other.stop(0);
        executor.shutdownNow();
    }

    private void reply(HttpExchange exchange, int status, String body) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), request,
                exchange.getRequestHeaders().getFirst("Authorization")));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String base() {
        return "http://127.0.0.2:" + server.getAddress().getPort();
    }

    private OutboundHttp.Reply get(String path) throws IOException {
        return http.send(OutboundRequest.get(URI.create(base() + path)));
    }

    @Test
    void successfulReplyCarriesStatusHeadersAndBody() throws IOException {
        OutboundHttp.Reply reply = get("/small");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("hello");
        assertThat(reply.isSuccess()).isTrue();
        assertThat(reply.header("content-length")).contains("5");
        assertThat(reply.headers().get("CONTENT-LENGTH")).containsExactly("5");
    }

    @Test
    void errorStatusIsReturnedNotThrown() throws IOException {
        OutboundHttp.Reply reply = get("/missing");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.isSuccess()).isFalse();
    }

    @Test
    void bodyLargerThanTheCapIsRefused() throws IOException {
        assertThatThrownBy(() -> get("/large"))
                .isInstanceOf(OutboundHttp.ResponseTooLargeException.class)
                .hasMessageContaining("larger than 16 bytes");
        assertThat(get("/exact").bytes()).hasSize(16);
    }

    @Test
    void endlessBodyIsCutOffWithoutReadingIt() {
        assertThatThrownBy(() -> get("/endless")).isInstanceOf(OutboundHttp.ResponseTooLargeException.class);
        assertThat(streamed.get()).isLessThan(100_000L * 8192);
    }

    @Test
    void aServerDrippingBytesWithinTheReadTimeoutIsCutOffAtTheTotalTimeout() throws IOException {
        try (OutboundHttp patient = new OutboundHttp(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(1),
                16, new SsrfGuard("127.0.0.2"))) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> patient.send(OutboundRequest.get(URI.create(base() + "/drip"))))
                    .isInstanceOf(SocketTimeoutException.class).hasMessageContaining("1000 ms in all");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
        }
    }

    @Test
    void slowServerTimesOut() {
        assertThatThrownBy(() -> get("/slow")).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void postCarriesMethodHeadersAndBody() throws IOException {
        OutboundHttp.Reply reply = http.send(OutboundRequest.of("post", URI.create(base() + "/echo"))
                .withHeader("Authorization", "Bearer t").withBody("text/plain", "payload"));

        assertThat(reply.body()).isEqualTo("POST payload");
        assertThat(seen.getFirst().authorization()).isEqualTo("Bearer t");
    }

    @Test
    void redirectsAreFollowedAndReChecked() throws IOException {
        OutboundHttp.Reply reply = get("/to/302?/small");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("hello");
        assertThat(seen).extracting(Seen::path).containsExactly("/to/302", "/small");
    }

    @Test
    void threeRedirectsAreFollowedAndAFourthIsRefused() throws IOException {
        assertThat(get("/hops/2").body()).isEqualTo("hello");
        seen.clear();

        assertThatThrownBy(() -> get("/hops/3")).isInstanceOf(IOException.class)
                .isNotInstanceOf(OutboundBlockedException.class)
                .hasMessageContaining("more than 3 redirects");
        assertThat(seen).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303})
    void postRedirectedBy301To303BecomesGetWithoutBody(int status) throws IOException {
        OutboundHttp.Reply reply = http.send(OutboundRequest.of("POST", URI.create(base() + "/to/" + status + "?/echo"))
                .withBody("text/plain", "payload"));

        assertThat(reply.body()).isEqualTo("GET ");
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void postRedirectedBy307Or308KeepsMethodAndBody(int status) throws IOException {
        OutboundHttp.Reply reply = http.send(OutboundRequest.of("POST", URI.create(base() + "/to/" + status + "?/echo"))
                .withBody("text/plain", "payload"));

        assertThat(reply.body()).isEqualTo("POST payload");
    }

    @Test
    void credentialsStayWithTheirOrigin() throws IOException {
        String elsewhere = "http://127.0.0.2:" + other.getAddress().getPort() + "/x";

        http.send(OutboundRequest.get(URI.create(base() + "/to/302?" + elsewhere)).withHeader("Authorization", "Bearer t"));
        http.send(OutboundRequest.get(URI.create(base() + "/to/302?/small")).withHeader("Authorization", "Bearer t"));

        assertThat(seen).extracting(Seen::path, Seen::authorization).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/to/302", "Bearer t"),
                org.assertj.core.groups.Tuple.tuple("/x", null),
                org.assertj.core.groups.Tuple.tuple("/to/302", "Bearer t"),
                org.assertj.core.groups.Tuple.tuple("/small", "Bearer t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d/small", "http://[::1]:%d/small", "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1:%d/", "file:///etc/passwd", "gopher://127.0.0.2:%d/_x"})
    void redirectToAnInternalAddressOrOtherSchemeIsRefused(String location) {
        String target = location.formatted(server.getAddress().getPort());

        assertThatThrownBy(() -> get("/to/302?" + target))
                .isInstanceOf(OutboundBlockedException.class);
        assertThat(seen).extracting(Seen::path).containsExactly("/to/302");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d/small", "http://localhost:%d/small", "http://[::1]:%d/small",
            "http://0.0.0.0:%d/small", "http://[::ffff:127.0.0.1]:%d/small", "http://2130706433:%d/small",
            "http://0x7f000001:%d/small", "http://0177.0.0.1:%d/small", "http://127.1:%d/small",
            "http://127.0.0.1.:%d/small", "https://169.254.169.254/", "http://user@127.0.0.1:%d/small",
            "file:///etc/passwd", "ftp://127.0.0.2:%d/x", "gopher://127.0.0.2:%d/_x", "jar:file:/x.jar!/y",
            "//127.0.0.2:%d/small"})
    void internalTargetsAndOtherSchemesAreRefusedBeforeAnyRequest(String url) {
        URI uri = URI.create(url.formatted(server.getAddress().getPort()));

        assertThatThrownBy(() -> http.send(OutboundRequest.get(uri)))
                .isInstanceOf(OutboundBlockedException.class)
                .satisfies(e -> assertThat(OutboundBlockedException.CODE).isEqualTo("ssrf_blocked"));
        assertThat(seen).isEmpty();
    }

    @Test
    void nameResolvingToPrivateAddressIsRefused() throws IOException {
        SsrfGuard guard = new SsrfGuard("", host -> new InetAddress[]{InetAddress.ofLiteral("10.1.2.3")});
        try (OutboundHttp internal = new OutboundHttp(Duration.ofSeconds(1), Duration.ofSeconds(1), 16, guard)) {
            assertThatThrownBy(() -> internal.send(OutboundRequest.get(URI.create("http://internal.example.test/"))))
                    .isInstanceOf(OutboundBlockedException.class)
                    .hasMessageContaining("resolves to 10.1.2.3, a private address");
        }
    }

    @Test
    void nameIsResolvedOnceAndTheConnectionGoesToTheCheckedAddress() throws IOException {
        // a rebinding resolver: the first answer is the allow-listed fake, any later one the metadata service
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        SsrfGuard guard = new SsrfGuard("127.0.0.2", host -> new InetAddress[]{InetAddress.ofLiteral(
                lookups.getAndIncrement() == 0 ? "127.0.0.2" : "169.254.169.254")});
        try (OutboundHttp named = new OutboundHttp(Duration.ofSeconds(1), Duration.ofSeconds(1), 16, guard)) {
            OutboundHttp.Reply reply = named.send(OutboundRequest.get(
                    URI.create("http://rebind.example.test:" + server.getAddress().getPort() + "/small")));

            assertThat(reply.body()).isEqualTo("hello");
            assertThat(lookups).hasValue(1);
        }
    }

    @Test
    void tunnellingMethodsAreRefused() {
        assertThatThrownBy(() -> http.send(OutboundRequest.of("CONNECT", URI.create(base() + "/small"))))
                .isInstanceOf(IOException.class).hasMessageContaining("CONNECT");
        assertThat(seen).isEmpty();
    }

    @Test
    void httpsWorksWithHostnameVerification() throws Exception {
        LoopbackTls tls = LoopbackTls.create();
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.server()));
        https.createContext("/", exchange -> reply(exchange, 200, "secure"));
        https.setExecutor(executor);
        https.start();
        int port = https.getAddress().getPort();
        // the certificate names 127.0.0.1 only: a name resolving there must fail verification
        SsrfGuard guard = new SsrfGuard("127.0.0.1/32", host -> new InetAddress[]{InetAddress.ofLiteral("127.0.0.1")});
        try (OutboundHttp client = new OutboundHttp(Duration.ofSeconds(2), Duration.ofSeconds(2), OutboundHttp.DEFAULT_TOTAL_TIMEOUT, 64, guard, tls.client())) {
            assertThat(client.send(OutboundRequest.get(URI.create("https://127.0.0.1:" + port + "/"))).body())
                    .isEqualTo("secure");
            assertThatThrownBy(() -> client.send(OutboundRequest.get(URI.create("https://wrong-name.test:" + port + "/"))))
                    .isInstanceOf(SSLException.class);
        } finally {
            https.stop(0);
        }
    }
}
