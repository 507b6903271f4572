package io.llmops.model.control;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdleTimeoutBodyTest {

    /** What the JDK client's side of the subscription saw. */
    private static final class Upstream implements Flow.Subscription {
        final AtomicLong requested = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public void request(long n) {
            requested.addAndGet(n);
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    }

    private final Upstream upstream = new Upstream();

    private IdleTimeoutBody subscribed(Duration idle) {
        IdleTimeoutBody body = new IdleTimeoutBody(idle);
        body.onSubscribe(upstream);
        return body;
    }

    private static List<ByteBuffer> bytes(String... parts) {
        return java.util.Arrays.stream(parts).map(p -> ByteBuffer.wrap(p.getBytes(StandardCharsets.UTF_8))).toList();
    }

    @Test
    void readsEveryBufferInOrderAskingForOneArrivalAtATime() throws Exception {
        IdleTimeoutBody body = subscribed(Duration.ofSeconds(5));
        body.onNext(bytes("data: he", "llo\n"));
        body.onNext(bytes("\n"));
        body.onComplete();

        try (InputStream in = body.getBody().toCompletableFuture().get()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("data: hello\n\n");
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(upstream.requested).hasValue(3);
        assertThat(upstream.cancelled).isFalse();
    }

    @Test
    void silenceLongerThanTheIdleTimeoutFailsTheReadAndDropsTheExchange() throws Exception {
        IdleTimeoutBody body = subscribed(Duration.ofMillis(100));
        body.onNext(bytes("data: first\n\n"));
        InputStream in = body.getBody().toCompletableFuture().get();

        assertThat(in.readNBytes(13)).asString(StandardCharsets.UTF_8).isEqualTo("data: first\n\n");
        long start = System.nanoTime();
        assertThatThrownBy(in::read).isInstanceOf(HttpTimeoutException.class).hasMessageContaining("100 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(upstream.cancelled).isTrue();
    }

    @Test
    void aFailureOfTheConnectionIsAnIoExceptionOfTheRead() throws Exception {
        IdleTimeoutBody body = subscribed(Duration.ofSeconds(5));
        body.onError(new IOException("connection reset"));

        InputStream in = body.getBody().toCompletableFuture().get();

        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("connection reset");
    }

    @Test
    void closingBeforeTheEndCancelsTheRest() throws Exception {
        IdleTimeoutBody body = subscribed(Duration.ofSeconds(5));
        body.onNext(bytes("partial"));

        body.getBody().toCompletableFuture().get().close();

        assertThat(upstream.cancelled).isTrue();
    }
}
