package io.llmops.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * An output stream whose destination arrives later: what is written before {@link #attach} is kept
 * and goes out first, later writes go straight through. Lets a stream's producer (a chat turn asking
 * its model) start while the container is still preparing the response it will write to. The producer
 * calls {@link #close} when done; the response side waits for that in {@link #awaitClosed}. Closing
 * does not close the destination: its owner (JAX-RS) does. {@code beforeFirstWrite} runs when the first
 * bytes arrive before a destination: whoever prepares the destination is told that it is wanted now.
 */
public final class DeferredOutput extends OutputStream {

    private final Runnable beforeFirstWrite;
    private boolean written;
    private ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private OutputStream target;
    private boolean broken;
    private final CountDownLatch closed = new CountDownLatch(1);

    public DeferredOutput() {
        this(() -> { });
    }

    public DeferredOutput(Runnable beforeFirstWrite) {
        this.beforeFirstWrite = beforeFirstWrite;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        destination().write(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        destination().write(bytes, offset, length);
    }

    @Override
    public synchronized void flush() throws IOException {
        if (target != null) {
            destination().flush();
        }
    }

    /** Sends what was written so far to {@code out}; from now on writes go there directly. */
    public synchronized void attach(OutputStream out) throws IOException {
        try {
            pending.writeTo(out);
            out.flush();
            target = out;
        } catch (IOException e) {
            broken = true;
            throw e;
        } finally {
            pending = null;
        }
    }

    /** The producer is done: {@link #awaitClosed} returns. */
    @Override
    public void close() {
        closed.countDown();
    }

    /** Waits until the producer is done (the response must stay open until then). */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    private OutputStream destination() throws IOException {
        if (broken) {
            throw new IOException("the client went away");
        }
        if (!written) {
            written = true;
            if (target == null) {
                beforeFirstWrite.run();
            }
        }
        return target != null ? target : pending;
    }
}
