package io.llmops.model.control;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import io.llmops.platform.outbound.OutboundBlockedException;
import io.llmops.platform.outbound.SsrfGuard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP client of the LangChain4j provider modules (all but Azure's, which brings its own): one JDK
 * {@link java.net.http.HttpClient} for every model (one selector thread and connection pool instead of
 * one per built model), each stream read on a virtual thread of its own, every request's address
 * checked by the {@link SsrfGuard} first (a refusal surfaces as {@code ssrf_blocked}, never retried), and
 * every response body read with the read timeout between arrivals ({@link IdleTimeoutBody}): the JDK's
 * request timeout ends with the headers, so a provider that fell silent halfway held its turn forever.
 * <p>
 * Why not LangChain4j's {@code JdkHttpClient}: it reads a stream inside a callback of {@code sendAsync},
 * which the JDK runs on the common fork-join pool, blocking there until the stream ends — every open stream
 * held a platform thread (the pool adds threads for blocked workers, at most 256 more) — and its bodies
 * have no timeout after the headers.
 * <p>
 * A caller that binds {@link #REQUEST_SENT} learns when its stream's request has been handed to the
 * connection (or has failed): a chat turn commits its SSE response then, so that work does not compete
 * with the model request for the CPU (bench/README.md, "Chat turn overhead").
 */
public final class ModelHttpClient implements HttpClient {

    /** Run once per stream asked for in its scope, from any thread, when the request is out or has failed. */
    public static final ScopedValue<Runnable> REQUEST_SENT = ScopedValue.newInstance();

    private static final Logger LOG = Logger.getLogger(ModelHttpClient.class.getName());

    private final java.net.http.HttpClient shared;
    private final SsrfGuard guard;
    private final Duration readTimeout;

    private ModelHttpClient(java.net.http.HttpClient shared, SsrfGuard guard, Duration readTimeout) {
        this.shared = shared;
        this.guard = guard;
        this.readTimeout = readTimeout;
    }

    /**
     * The one JDK client the models of a factory share; its owner closes it. What its selector thread hands
     * off (reading a response, each chunk of a stream) runs on a new virtual thread instead of the default
     * pool's platform threads: the reader it wakes is a virtual thread too, so that wake-up stays on the
     * carrier instead of waking another OS thread per chunk (bench/README.md, "Chat turn overhead").
     */
    public static java.net.http.HttpClient sharedClient(Duration connectTimeout) {
        return java.net.http.HttpClient.newBuilder().connectTimeout(connectTimeout)
                .executor(task -> Thread.ofVirtual().name("model-http").start(task)).build();
    }

    /**
     * Builders of clients that all use {@code shared} (its connect timeout applies to every model) and
     * ask {@code guard} before every request.
     */
    public static HttpClientBuilder builder(java.net.http.HttpClient shared, SsrfGuard guard) {
        return new Builder(shared, guard);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        OutboundBlockedException blocked = refusal(guard, request.url());
        if (blocked != null) {
            throw new UncheckedIOException(blocked);
        }
        try {
            HttpResponse<InputStream> response = shared.send(toJdkRequest(request, () -> { }), bodyHandler());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readAllBytes();
            }
            int status = response.statusCode();
            if (status < 200 || status >= 300) {
                throw new HttpException(status, new String(body, StandardCharsets.UTF_8));
            }
            return SuccessfulHttpResponse.builder().statusCode(status).headers(response.headers().map()).body(body).build();
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bodies that fail once the provider has been silent for the read timeout ({@link IdleTimeoutBody}). */
    private HttpResponse.BodyHandler<InputStream> bodyHandler() {
        return readTimeout == null ? HttpResponse.BodyHandlers.ofInputStream() : IdleTimeoutBody.handler(readTimeout);
    }

    /**
     * Why {@code guard} refuses {@code url}, or null: how every model request and stored base URL is checked
     * (also the Azure transport's and {@link ModelFactory#checkEndpoint}). Asked before each request, as the
     * JDK client has no resolver to plug the guard into: both look the name up through the JVM's address
     * cache, so they see the same answer unless it expires in between. A name that does not resolve, or a URL
     * that does not parse, is left to the request, which reports it as the provider's unknown host.
     */
    static OutboundBlockedException refusal(SsrfGuard guard, String url) {
        try {
            guard.resolveUrl(URI.create(url));
            return null;
        } catch (OutboundBlockedException e) {
            return e;
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        Runnable sent = once(REQUEST_SENT.isBound() ? REQUEST_SENT.get() : () -> { });
        Thread.ofVirtual().name("model-stream").start(() -> {
            try {
                OutboundBlockedException blocked = refusal(guard, request.url());
                if (blocked != null) {
                    notify(() -> listener.onError(blocked));
                    return;
                }
                stream(request, parser, listener, sent);
            } finally {
                sent.run();
            }
        });
    }

    private void stream(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener,
                        Runnable sent) {
        HttpResponse<InputStream> response;
        try {
            response = shared.send(toJdkRequest(request, sent), bodyHandler());
        } catch (HttpTimeoutException e) {
            notify(() -> listener.onError(new TimeoutException(e)));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notify(() -> listener.onError(e));
            return;
        } catch (IOException | RuntimeException e) {
            notify(() -> listener.onError(e));
            return;
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status < 200 || status >= 300) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                notify(() -> listener.onError(new HttpException(status, text)));
                return;
            }
            SuccessfulHttpResponse opened = SuccessfulHttpResponse.builder().statusCode(status)
                    .headers(response.headers().map()).build();
            notify(() -> listener.onOpen(opened));
            parser.parse(body, listener);
            notify(listener::onClose);
        } catch (IOException e) {
            notify(() -> listener.onError(e));
        }
    }

    private java.net.http.HttpRequest toJdkRequest(HttpRequest request, Runnable sent) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        if (request.body() == null) {
            sent.run();
        }
        builder.method(request.method().name(), request.body() == null ? BodyPublishers.noBody()
                : announcing(BodyPublishers.ofString(request.body()), sent));
        if (readTimeout != null) {
            builder.timeout(readTimeout);
        }
        return builder.build();
    }

    /** {@code body}, running {@code sent} once the connection has taken all of it. */
    private static BodyPublisher announcing(BodyPublisher body, Runnable sent) {
        return new BodyPublisher() {
            @Override
            public long contentLength() {
                return body.contentLength();
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> connection) {
                body.subscribe(new Flow.Subscriber<ByteBuffer>() {
                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        connection.onSubscribe(subscription);
                    }

                    @Override
                    public void onNext(ByteBuffer bytes) {
                        connection.onNext(bytes);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        connection.onError(failure);
                    }

                    @Override
                    public void onComplete() {
                        connection.onComplete();
                        sent.run();
                    }
                });
            }
        };
    }

    /** {@code action} at most once, whichever thread gets there first; its failure is only logged. */
    private static Runnable once(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                notify(action);
            }
        };
    }

    /** A listener that throws must not end the reading thread's loop silently. */
    private static void notify(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A model stream listener failed", e);
        }
    }

    private static final class Builder implements HttpClientBuilder {
        private final java.net.http.HttpClient shared;
        private final SsrfGuard guard;
        private Duration connectTimeout;
        private Duration readTimeout;

        Builder(java.net.http.HttpClient shared, SsrfGuard guard) {
            this.shared = shared;
            this.guard = guard;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;   // the shared client's own applies
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public HttpClient build() {
            return new ModelHttpClient(shared, guard, readTimeout);
        }
    }
}
