package io.llmops.platform.outbound;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one HTTP client for calls the platform makes to other services on a user's behalf: bounded
 * connect and read timeouts, a deadline for the whole call, a cap on how much of a response body is
 * read, redirects followed by hand (at most {@value #MAX_REDIRECTS}, each hop checked again), and the
 * {@link SsrfGuard} deciding every address a connection goes to. Built on Apache HttpClient because it
 * lets the guard be the resolver: names are resolved once and the socket connects to the checked
 * address, while TLS still uses the real host name (SNI, hostname verification).
 */
public final class OutboundHttp implements AutoCloseable {

    public static final int MAX_REDIRECTS = 3;

    /** Credentials a redirect to another origin must not carry along. */
    private static final Set<String> ORIGIN_BOUND_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    /** How long one {@link #send}, redirects included, may take when the caller names no limit. */
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(60);

    private final CloseableHttpClient client;
    private final Duration totalTimeout;
    private final int maxBodyBytes;
    private final String description;

    /** A client that refuses every internal address (no allow-list). */
    public OutboundHttp(Duration connectTimeout, Duration readTimeout, int maxBodyBytes) {
        this(connectTimeout, readTimeout, maxBodyBytes, new SsrfGuard());
    }

    public OutboundHttp(Duration connectTimeout, Duration readTimeout, int maxBodyBytes, SsrfGuard guard) {
        this(connectTimeout, readTimeout, DEFAULT_TOTAL_TIMEOUT, maxBodyBytes, guard, null);
    }

    /**
     * @param totalTimeout the most one {@link #send} may take in all (redirects included): the read timeout
     *                     bounds each wait for bytes, so without it a server dripping a byte now and then
     *                     could hold a call for hours
     */
    public OutboundHttp(Duration connectTimeout, Duration readTimeout, Duration totalTimeout, int maxBodyBytes,
                        SsrfGuard guard) {
        this(connectTimeout, readTimeout, totalTimeout, maxBodyBytes, guard, null);
    }

    /** {@code tls} null means the JDK's default trust; tests pass a context trusting their own certificate. */
    OutboundHttp(Duration connectTimeout, Duration readTimeout, Duration totalTimeout, int maxBodyBytes, SsrfGuard guard,
                 SSLContext tls) {
        Timeout connect = Timeout.of(connectTimeout);
        Timeout read = Timeout.of(readTimeout);
        ClientTlsStrategyBuilder tlsStrategy = ClientTlsStrategyBuilder.create();
        if (tls != null) {
            tlsStrategy.setSslContext(tls);
        }
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(Objects.requireNonNull(guard, "guard")))
                        .setTlsSocketStrategy(tlsStrategy.buildClassic())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect).setSocketTimeout(read).build())
                        .setMaxConnPerRoute(20)
                        .setMaxConnTotal(200)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(read)
                        .setRedirectsEnabled(false)
                        .build())
                // no system proxy (it would connect somewhere the guard never looked), no shared
                // cookies or cached credentials between users, no silent re-sends of a POST
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableAutomaticRetries()
                .build();
        this.maxBodyBytes = maxBodyBytes;
        this.totalTimeout = totalTimeout;
        this.description = "OutboundHttp[connect " + connectTimeout.toMillis() + " ms, read " + readTimeout.toMillis()
                + " ms, " + totalTimeout.toMillis() + " ms in all, at most " + maxBodyBytes + " bytes, "
                + MAX_REDIRECTS + " redirects, " + guard + "]";
    }

    @Override
    public String toString() {
        return description;
    }

    /** A response read in full (up to the cap). {@link #body()} decodes it as UTF-8 unless the type names a charset. */
    public record Reply(int status, java.util.Map<String, java.util.List<String>> headers, byte[] bytes) {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        public java.util.Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public String body() {
            java.nio.charset.Charset charset = java.nio.charset.StandardCharsets.UTF_8;
            String type = header("Content-Type").orElse("");
            int at = type.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
            if (at >= 0) {
                try {
                    charset = java.nio.charset.Charset.forName(type.substring(at + 8).replace("\"", "").split(";")[0].strip());
                } catch (IllegalArgumentException ignored) {
                    // unknown charset: UTF-8 is the best guess
                }
            }
            return new String(bytes, charset);
        }
    }

    /**
     * Sends one request on a user's behalf. Only http and https; every address the host resolves to
     * must be public unless allow-listed, and the connection goes to the checked address; redirects
     * (301/302/303 become a GET without body, 307/308 keep method and body) are followed up to 3
     * hops, each re-checked; credentials are not carried to another origin. Throws
     * {@link OutboundBlockedException} when refused, {@link ResponseTooLargeException} past the body
     * cap, and other {@link IOException}s for timeouts ({@link java.net.SocketTimeoutException}, also
     * when the whole call outlasts the total timeout), network failures, and more than 3 redirects.
     */
    public Reply send(OutboundRequest request) throws IOException {
        if (request.method().equalsIgnoreCase("CONNECT") || request.method().equalsIgnoreCase("TRACE")) {
            // a tunnel or an echo of our own headers is never what a tool needs
            throw new IOException("method " + request.method() + " is not allowed");
        }
        OutboundRequest current = request;
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        for (int redirects = 0; ; redirects++) {
            SsrfGuard.checkUrl(current.uri());
            Reply reply = exchange(current, deadline);
            URI target = redirectTarget(current.uri(), reply);
            if (target == null) {
                return reply;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new IOException("more than " + MAX_REDIRECTS + " redirects (the last one to " + target.getHost() + ")");
            }
            current = follow(current, reply.status(), target);
        }
    }

    private Reply exchange(OutboundRequest request, long deadline) throws IOException {
        HttpUriRequestBase http = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().forEach(http::addHeader);
        if (request.body() != null) {
            // no content type on the entity: the caller's Content-Type header is the one sent
            http.setEntity(new ByteArrayEntity(request.body(), null));
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw outlasted(request.uri());
        }
        AtomicBoolean expired = new AtomicBoolean();
        // cancelling aborts the connection, which ends a read blocked on a dripping server at once
        Thread watchdog = Thread.ofVirtual().name("outbound-deadline").start(() -> {
            try {
                Thread.sleep(Duration.ofNanos(left));
                expired.set(true);
                http.cancel();
            } catch (InterruptedException finished) {
                // the exchange ended in time
            }
        });
        try (ClassicHttpResponse response = client.executeOpen(null, http, null)) {
            byte[] body = read(request.uri(), http, response.getEntity());
            return new Reply(response.getCode(), headers(response.getHeaders()), body);
        } catch (GuardedDnsResolver.Refused e) {
            throw (OutboundBlockedException) e.getCause();
        } catch (IOException e) {
            Throwable cause = e.getCause();
            if (cause instanceof GuardedDnsResolver.Refused refused) {
                throw (OutboundBlockedException) refused.getCause();
            }
            throw expired.get() ? outlasted(request.uri()) : e;
        } finally {
            watchdog.interrupt();
        }
    }

    private SocketTimeoutException outlasted(URI uri) {
        return new SocketTimeoutException("the call to " + uri.getHost() + " took longer than "
                + totalTimeout.toMillis() + " ms in all");
    }

    /** Reads at most one byte past the cap, so a huge answer never fills the heap; drops the connection if it was too large. */
    private byte[] read(URI uri, HttpUriRequestBase http, HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > maxBodyBytes) {
            http.cancel();
            throw tooLarge(uri);
        }
        InputStream in = entity.getContent();
        byte[] body = in.readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            // closing normally would drain the rest of the stream: cut the connection instead
            http.cancel();
            throw tooLarge(uri);
        }
        in.close();
        return body;
    }

    private ResponseTooLargeException tooLarge(URI uri) {
        return new ResponseTooLargeException("response from " + uri.getHost() + " is larger than " + maxBodyBytes + " bytes");
    }

    private static Map<String, List<String>> headers(Header[] headers) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : headers) {
            map.computeIfAbsent(header.getName(), k -> new ArrayList<>()).add(header.getValue());
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(map);
    }

    private static URI redirectTarget(URI from, Reply reply) throws IOException {
        int status = reply.status();
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return null;
        }
        String location = reply.header("Location").orElse(null);
        if (location == null || location.isBlank()) {
            return null;
        }
        try {
            return stripFragment(from.resolve(new URI(location.strip())));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("the redirect Location is not a valid URL: " + location);
        }
    }

    private static URI stripFragment(URI uri) throws URISyntaxException {
        if (uri.getRawFragment() == null) {
            return uri;
        }
        String text = uri.toString();
        return new URI(text.substring(0, text.indexOf('#')));
    }

    private static OutboundRequest follow(OutboundRequest request, int status, URI target) {
        boolean keepMethod = status == 307 || status == 308 || request.method().equals("HEAD")
                || (status != 303 && request.method().equals("GET"));
        java.util.LinkedHashMap<String, String> headers = new java.util.LinkedHashMap<>();
        boolean sameOrigin = sameOrigin(request.uri(), target);
        request.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if ((sameOrigin || !ORIGIN_BOUND_HEADERS.contains(lower))
                    && (keepMethod || !(lower.equals("content-type") || lower.equals("content-length")))) {
                headers.put(name, value);
            }
        });
        return keepMethod
                ? new OutboundRequest(request.method(), target, headers, request.body())
                : new OutboundRequest("GET", target, headers, null);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    /** The other side answered more than the configured cap. */
    public static final class ResponseTooLargeException extends IOException {
        public ResponseTooLargeException(String message) {
            super(message);
        }
    }
}
