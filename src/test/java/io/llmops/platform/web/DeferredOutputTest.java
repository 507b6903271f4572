package io.llmops.platform.web;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeferredOutputTest {

    @Test
    void whatWasWrittenBeforeTheDestinationArrivesGoesOutFirstInOrder() throws IOException {
        DeferredOutput deferred = new DeferredOutput();
        deferred.write("event: message\n\n".getBytes(StandardCharsets.UTF_8));
        deferred.flush();
        ByteArrayOutputStream client = new ByteArrayOutputStream();

        deferred.attach(client);
        deferred.write("event: message_end\n\n".getBytes(StandardCharsets.UTF_8));

        assertThat(client.toString(StandardCharsets.UTF_8)).isEqualTo("event: message\n\nevent: message_end\n\n");
    }

    @Test
    void theFirstBytesWithoutADestinationAskForItOnce() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        DeferredOutput deferred = new DeferredOutput(asked::incrementAndGet);
        deferred.flush();
        assertThat(asked).hasValue(0);

        deferred.write("event: message\n\n".getBytes(StandardCharsets.UTF_8));
        deferred.write("event: message\n\n".getBytes(StandardCharsets.UTF_8));
        deferred.attach(new ByteArrayOutputStream());
        deferred.write('x');

        assertThat(asked).hasValue(1);
    }

    @Test
    void bytesAfterTheDestinationArrivedAskForNothing() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        DeferredOutput deferred = new DeferredOutput(asked::incrementAndGet);
        deferred.attach(new ByteArrayOutputStream());

        deferred.write('x');

        assertThat(asked).hasValue(0);
    }

    @Test
    void theResponseWaitsUntilTheProducerIsDone() throws Exception {
        DeferredOutput deferred = new DeferredOutput();
        CompletableFuture<Void> response = CompletableFuture.runAsync(() -> {
            try {
                deferred.awaitClosed();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        Thread.sleep(50);
        assertThat(response).isNotDone();
        deferred.close();
        response.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aClientThatIsGoneMakesLaterWritesFail() {
        DeferredOutput deferred = new DeferredOutput();
        OutputStream gone = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }
        };

        assertThatThrownBy(() -> {
            deferred.write('x');
            deferred.attach(gone);
        }).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> deferred.write('y')).isInstanceOf(IOException.class);
    }
}
