package io.llmops.platform.web;

import io.llmops.platform.json.JsonbProvider;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes Server-Sent Events the way Dify clients read them: each event is a {@code data:} line
 * holding one JSON object whose {@code event} field names it, preceded by a standard
 * {@code event:} line for generic SSE clients. Thread-safe; remembers when it last wrote so a
 * keep-alive {@code ping} can be sent after silence. A client that went away makes every later
 * send a no-op (the turn still finishes and is saved).
 */
public final class SseWriter {

    public static final String MEDIA_TYPE = "text/event-stream";

    /** Looked up once: {@code JsonProvider.provider()} instantiates the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final OutputStream out;
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile boolean clientGone;

    /** A 200 response that streams {@code events}, with the headers that keep proxies from caching or buffering it. */
    public static Response response(StreamingOutput events) {
        return Response.ok(events, MEDIA_TYPE).header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no").build();
    }

    public SseWriter(OutputStream out) {
        this.out = out;
    }

    /** Sends {@code fields} as event {@code event} (the JSON gets {"event": event, ...fields}). */
    public void send(String event, Map<String, ?> fields) {
        write("event: " + event + "\ndata: " + JsonbProvider.shared().toJson(payload(event, fields)) + "\n\n");
    }

    /**
     * A sender of many events named {@code event} that differ only in the string field {@code changing} (the
     * deltas of a streamed answer): the other fields are serialized once, each event then only escapes its
     * value. The JSON is the same as {@link #send}'s with {@code changing} as the last field.
     */
    public Repeated repeated(String event, Map<String, ?> fixed, String changing) {
        return new Repeated() {
            private String head;   // made by the first send: a turn asks its model before anything else

            @Override
            public void send(String value) {
                if (head == null) {
                    String json = JsonbProvider.shared().toJson(payload(event, fixed));
                    head = "event: " + event + "\ndata: " + json.substring(0, json.length() - 1) + ",\"" + changing + "\":";
                }
                write(head + JSON.createValue(value) + "}\n\n");
            }
        };
    }

    /** See {@link #repeated}; used from one thread at a time. */
    @FunctionalInterface
    public interface Repeated {
        void send(String value);
    }

    private static Map<String, Object> payload(String event, Map<String, ?> fields) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", event);
        payload.putAll(fields);
        return payload;
    }

    private synchronized void write(String frame) {
        if (clientGone) {
            return;
        }
        try {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
            lastWriteNanos = System.nanoTime();
        } catch (IOException e) {
            clientGone = true;
        }
    }

    public long silentForMillis() {
        return (System.nanoTime() - lastWriteNanos) / 1_000_000;
    }

    public boolean isClientGone() {
        return clientGone;
    }

    /**
     * Sends a {@code ping} event whenever the stream has been silent for {@code intervalSeconds} (checked
     * every second, {@link KeepAliveTicker}), until the returned handle is closed or the client goes away.
     */
    public KeepAlive keepAlive(int intervalSeconds) {
        return KeepAliveTicker.watch(this, intervalSeconds);
    }

    /** Stops the keep-alive pings; closing never fails. */
    public interface KeepAlive extends AutoCloseable {
        @Override
        void close();
    }
}
