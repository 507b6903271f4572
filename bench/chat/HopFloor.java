import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;

/**
 * The floor under the chat benchmark's "added ms" at 1 client: what one extra HTTP hop through Payara costs
 * when the platform does nothing. Sequential GETs of Payara's {@code /ping} (a JAX-RS resource answering a
 * constant) against the same GET to a JDK HttpServer in this JVM (the kind of server the fake model is),
 * alternating, with a pause before each so both run from idle like a realistic turn's request does.
 * A platform turn pays this hop once before the model is asked (request in) and once per event (event out).
 * <p>
 * Environment: BASE (the server), N (pairs, default 150), PAUSE_MS (default 300), OUT (appends a line).
 */
public class HopFloor {

    public static void main(String[] args) throws Exception {
        String base = System.getenv().getOrDefault("BASE", "http://127.0.0.1:18080");
        int n = Integer.parseInt(System.getenv().getOrDefault("N", "150"));
        long pauseMs = Long.parseLong(System.getenv().getOrDefault("PAUSE_MS", "300"));
        HttpServer plain = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        plain.createContext("/", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        plain.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        plain.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI payara = URI.create(base + "/ping");
            URI jdk = URI.create("http://127.0.0.2:" + plain.getAddress().getPort() + "/ping");
            for (int i = 0; i < 300; i++) {
                get(client, payara);
                get(client, jdk);
            }
            long[] viaPayara = new long[n];
            long[] viaJdk = new long[n];
            for (int i = 0; i < n; i++) {
                Thread.sleep(pauseMs);
                viaPayara[i] = get(client, payara);
                Thread.sleep(pauseMs);
                viaJdk[i] = get(client, jdk);
            }
            double payara50 = FloorReport.ms(viaPayara, 50);
            double jdk50 = FloorReport.ms(viaJdk, 50);
            String line = String.format("Hop floor (1 client, %d pairs, %d ms pause before each): Payara GET /ping p50 %.2f "
                            + "p90 %.2f p99 %.2f ms; JDK HttpServer p50 %.2f p90 %.2f p99 %.2f ms; Payara adds %.2f ms at p50",
                    n, pauseMs, payara50, FloorReport.ms(viaPayara, 90), FloorReport.ms(viaPayara, 99),
                    jdk50, FloorReport.ms(viaJdk, 90), FloorReport.ms(viaJdk, 99), payara50 - jdk50);
            FloorReport.report(line);
        } finally {
            plain.stop(0);
        }
    }

    private static long get(HttpClient client, URI uri) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<byte[]> reply = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        long took = System.nanoTime() - start;
        if (reply.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + reply.statusCode());
        }
        return took;
    }
}
