package io.llmops.platform.web;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The keep-alive pings of every open event stream, from one virtual thread that lives while streams are
 * open: once a second it starts a ping for each stream silent for its interval. Opening a stream then
 * starts no thread of its own (a thread start before the model is asked cost an idle CPU's wake-up).
 */
final class KeepAliveTicker {

    private static final long TICK_MILLIS = 1000;
    private static final Set<Watched> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    private KeepAliveTicker() {
    }

    private static final class Watched {
        final SseWriter writer;
        final long intervalMillis;
        final AtomicBoolean pinging = new AtomicBoolean();

        Watched(SseWriter writer, long intervalMillis) {
            this.writer = writer;
            this.intervalMillis = intervalMillis;
        }
    }

    static SseWriter.KeepAlive watch(SseWriter writer, int intervalSeconds) {
        Watched watched = new Watched(writer, intervalSeconds * 1000L);
        OPEN.add(watched);
        if (RUNNING.compareAndSet(false, true)) {
            Thread.ofVirtual().name("sse-keep-alive").start(KeepAliveTicker::tick);
        }
        return () -> OPEN.remove(watched);
    }

    private static void tick() {
        try {
            while (true) {
                Thread.sleep(TICK_MILLIS);
                for (Watched watched : OPEN) {
                    if (watched.writer.isClientGone()) {
                        OPEN.remove(watched);
                    } else if (watched.writer.silentForMillis() >= watched.intervalMillis
                            && watched.pinging.compareAndSet(false, true)) {
                        // on a thread of its own: a slow client must not hold up the others' pings
                        Thread.ofVirtual().name("sse-ping").start(() -> {
                            try {
                                watched.writer.send("ping", Map.of());
                            } finally {
                                watched.pinging.set(false);
                            }
                        });
                    }
                }
                // ends when no stream is open, unless one opened while it was deciding to
                if (OPEN.isEmpty()) {
                    RUNNING.set(false);
                    if (OPEN.isEmpty() || !RUNNING.compareAndSet(false, true)) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            RUNNING.set(false);
        }
    }
}
