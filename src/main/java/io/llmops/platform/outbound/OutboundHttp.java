package io.llmops.platform.outbound;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The one HTTP client for calls the platform makes to other services: bounded connect and read
 * timeouts, no automatic redirects, and a cap on how much of a response body is read.
 */
public final class OutboundHttp {

    private final HttpClient client;
    private final Duration readTimeout;
    private final int maxBodyBytes;

    public OutboundHttp(Duration connectTimeout, Duration readTimeout, int maxBodyBytes) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
        this.maxBodyBytes = maxBodyBytes;
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
     * Sends one request on a user's behalf. Contract (the SSRF guard implements it): only http and
     * https; every address the host resolves to must be public unless allow-listed, and the
     * connection goes to the checked address; redirects are followed up to 3 hops, each re-checked;
     * throws {@link OutboundBlockedException} when refused, {@link ResponseTooLargeException} past
     * the body cap, and other {@link IOException}s for timeouts and network failures.
     */
    public Reply send(OutboundRequest request) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri());
        request.headers().forEach(builder::header);
        builder.method(request.method(), request.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        return send(builder);
    }

    public Reply send(HttpRequest.Builder request) throws IOException {
        HttpRequest built = request.timeout(readTimeout).build();
        try {
            HttpResponse<java.io.InputStream> response = client.send(built, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (java.io.InputStream in = response.body()) {
                // read at most one byte past the cap: a huge answer never fills the heap
                body = in.readNBytes(maxBodyBytes + 1);
            }
            if (body.length > maxBodyBytes) {
                throw new ResponseTooLargeException("response from " + built.uri().getHost()
                        + " is larger than " + maxBodyBytes + " bytes");
            }
            return new Reply(response.statusCode(), response.headers().map(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The other side answered more than the configured cap. */
    public static final class ResponseTooLargeException extends IOException {
        public ResponseTooLargeException(String message) {
            super(message);
        }
    }

    public static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri);
    }
}
