package io.llmops.model.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as an {@link InputStream} that gives up when the provider falls silent: a read
 * that waits longer than {@code idle} for the next bytes cancels the exchange (the connection is dropped)
 * and fails with {@link HttpTimeoutException}. The JDK client's own request timeout only covers the wait
 * for the response headers; a stream that stopped halfway would otherwise hold its turn forever.
 */
final class IdleTimeoutBody implements HttpResponse.BodySubscriber<InputStream> {

    /** Put after the last buffers: the body is complete. */
    private static final Object END = new Object();

    /** Buffers ({@code List<ByteBuffer>}), a failure ({@link Throwable}) or {@link #END}; one item asked for at a time. */
    private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private final long idleNanos;
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();

    IdleTimeoutBody(Duration idle) {
        this.idleNanos = idle.toNanos();
    }

    /** A handler for {@code send} whose bodies time out after {@code idle} of silence. */
    static HttpResponse.BodyHandler<InputStream> handler(Duration idle) {
        return info -> new IdleTimeoutBody(idle);
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        if (!subscription.complete(given)) {
            given.cancel();
            return;
        }
        given.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        arrivals.add(buffers);
    }

    @Override
    public void onError(Throwable failure) {
        arrivals.add(failure);
    }

    @Override
    public void onComplete() {
        arrivals.add(END);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(new Body());
    }

    private void cancel() {
        subscription.thenAccept(Flow.Subscription::cancel);
    }

    private final class Body extends InputStream {
        private Iterator<ByteBuffer> pending = List.<ByteBuffer>of().iterator();
        private ByteBuffer current = ByteBuffer.allocate(0);
        private boolean ended;
        private boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            java.util.Objects.checkFromIndexSize(offset, length, into.length);
            if (length == 0) {
                return 0;
            }
            while (!current.hasRemaining()) {
                if (pending.hasNext()) {
                    current = pending.next();
                } else if (ended || !next()) {
                    return -1;
                }
            }
            int count = Math.min(length, current.remaining());
            current.get(into, offset, count);
            return count;
        }

        /** Takes the next arrival; false at the end of the body. */
        @SuppressWarnings("unchecked")
        private boolean next() throws IOException {
            if (closed) {
                throw new IOException("the response body is closed");
            }
            Object arrival;
            try {
                arrival = arrivals.poll(idleNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                throw new InterruptedIOException("interrupted while waiting for the provider");
            }
            if (arrival == null) {
                cancel();
                throw new HttpTimeoutException("the provider sent nothing for " + idleNanos / 1_000_000 + " ms");
            }
            if (arrival == END) {
                ended = true;
                return false;
            }
            if (arrival instanceof Throwable failure) {
                ended = true;
                throw failure instanceof IOException io ? io : new IOException(failure);
            }
            pending = ((List<ByteBuffer>) arrival).iterator();
            subscription.thenAccept(s -> s.request(1));
            return true;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (!ended) {
                    cancel();   // stop reading what nobody will read; the connection is not reused
                }
            }
        }
    }
}
