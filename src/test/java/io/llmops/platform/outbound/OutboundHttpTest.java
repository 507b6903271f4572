package io.llmops.platform.outbound;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundHttpTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private HttpServer server;
    private final OutboundHttp http = new OutboundHttp(Duration.ofSeconds(2), Duration.ofMillis(300), 16);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/small", exchange -> reply(exchange, 200, "hello"));
        server.createContext("/missing", exchange -> reply(exchange, 404, "nope"));
        server.createContext("/large", exchange -> reply(exchange, 200, "x".repeat(17)));
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "/small");
            reply(exchange, 302, "");
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
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private OutboundHttp.Reply get(String path) throws IOException {
        return http.send(OutboundHttp.request(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path)));
    }

    @Test
    void successfulReplyCarriesStatusAndBody() throws IOException {
        OutboundHttp.Reply reply = get("/small");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("hello");
        assertThat(reply.isSuccess()).isTrue();
    }

    @Test
    void errorStatusIsReturnedNotThrown() throws IOException {
        OutboundHttp.Reply reply = get("/missing");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.isSuccess()).isFalse();
    }

    @Test
    void redirectsAreNotFollowed() throws IOException {
        OutboundHttp.Reply reply = get("/redirect");

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.isSuccess()).isFalse();
    }

    @Test
    void bodyLargerThanTheCapIsRefused() {
        assertThatThrownBy(() -> get("/large"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("larger than 16 bytes");
    }

    @Test
    void slowServerTimesOut() {
        assertThatThrownBy(() -> get("/slow")).isInstanceOf(HttpTimeoutException.class);
    }
}
