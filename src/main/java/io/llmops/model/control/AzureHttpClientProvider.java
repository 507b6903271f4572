package io.llmops.model.control;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpClientProvider;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientProvider;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.HttpClientOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.llmops.platform.outbound.OutboundBlockedException;
import io.llmops.platform.outbound.SsrfGuard;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/**
 * The Azure SDK's JDK HttpClient transport, with each streamed body buffer copied into an exact-size
 * heap buffer. azure-ai-openai's SSE parser reads {@code byteBuffer.array()} whole, which fails on the
 * JDK transport's read-only buffers ({@code ReadOnlyBufferException}) and would misread any buffer
 * with an offset; blocking calls are passed through untouched. This lets Azure streaming run without
 * the Netty transport (whose native jars we keep out of the WAR). Every request (each hop of a
 * redirect the SDK follows too) is checked by the {@link SsrfGuard} first, as in {@link ModelHttpClient}.
 */
final class AzureHttpClientProvider implements HttpClientProvider {

    private final HttpClientProvider jdk = new JdkHttpClientProvider();
    private final SsrfGuard guard;

    AzureHttpClientProvider(SsrfGuard guard) {
        this.guard = guard;
    }

    @Override
    public HttpClient createInstance() {
        return new ExactBufferClient(jdk.createInstance(), guard);
    }

    @Override
    public HttpClient createInstance(HttpClientOptions options) {
        return new ExactBufferClient(jdk.createInstance(options), guard);
    }

    private record ExactBufferClient(HttpClient inner, SsrfGuard guard) implements HttpClient {
        @Override
        public Mono<HttpResponse> send(HttpRequest request) {
            return Mono.defer(() -> {
                check(request);
                return inner.send(request);
            }).map(ExactBufferResponse::new);
        }

        @Override
        public Mono<HttpResponse> send(HttpRequest request, Context context) {
            return Mono.defer(() -> {
                check(request);
                return inner.send(request, context);
            }).map(ExactBufferResponse::new);
        }

        @Override
        public HttpResponse sendSync(HttpRequest request, Context context) {
            check(request);
            return new ExactBufferResponse(inner.sendSync(request, context));
        }

        private void check(HttpRequest request) {
            OutboundBlockedException blocked = ModelHttpClient.refusal(guard, request.getUrl().toString());
            if (blocked != null) {
                throw new UncheckedIOException(blocked);
            }
        }
    }

    private static final class ExactBufferResponse extends HttpResponse {
        private final HttpResponse inner;

        ExactBufferResponse(HttpResponse inner) {
            super(inner.getRequest());
            this.inner = inner;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return inner.getBody().map(buffer -> {
                byte[] copy = new byte[buffer.remaining()];
                buffer.get(copy);
                return ByteBuffer.wrap(copy);
            });
        }

        @Override
        public int getStatusCode() {
            return inner.getStatusCode();
        }

        @Override
        @SuppressWarnings("deprecation")
        public String getHeaderValue(String name) {
            return inner.getHeaderValue(name);
        }

        @Override
        public String getHeaderValue(HttpHeaderName name) {
            return inner.getHeaderValue(name);
        }

        @Override
        public HttpHeaders getHeaders() {
            return inner.getHeaders();
        }

        @Override
        public BinaryData getBodyAsBinaryData() {
            return inner.getBodyAsBinaryData();
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return inner.getBodyAsByteArray();
        }

        @Override
        public Mono<String> getBodyAsString() {
            return inner.getBodyAsString();
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return inner.getBodyAsString(charset);
        }

        @Override
        public Mono<InputStream> getBodyAsInputStream() {
            return inner.getBodyAsInputStream();
        }

        @Override
        public InputStream getBodyAsInputStreamSync() {
            return inner.getBodyAsInputStreamSync();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
