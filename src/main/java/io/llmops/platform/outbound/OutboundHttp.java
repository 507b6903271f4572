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

    public record Reply(int status, String body) {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
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
            return new Reply(response.statusCode(), new String(body, java.nio.charset.StandardCharsets.UTF_8));
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
