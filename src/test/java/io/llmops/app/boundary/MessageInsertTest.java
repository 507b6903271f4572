package io.llmops.app.boundary;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A turn's message row is inserted exactly once, and no wait for it can outlive a failed insert. */
class MessageInsertTest {

    private final AtomicInteger inserts = new AtomicInteger();
    private final AtomicReference<Thread> insertedOn = new AtomicReference<>();

    private ChatTurns.MessageInsert insertThat(boolean fails) {
        return new ChatTurns.MessageInsert(done -> {
            inserts.incrementAndGet();
            insertedOn.set(Thread.currentThread());
            if (fails) {
                done.completeExceptionally(new IllegalStateException("database refused"));
            } else {
                done.complete(null);
            }
        });
    }

    @Test
    void startedWhenTheModelIsAskedAndAwaitedLaterItIsInsertedOnceElsewhere() {
        ChatTurns.MessageInsert insert = insertThat(false);

        insert.startAsync();
        insert.startAsync();   // a retried model request announces itself again

        assertThat(insert.await()).isTrue();
        assertThat(insert.await()).isTrue();
        assertThat(inserts).hasValue(1);
        assertThat(insertedOn.get()).isNotSameAs(Thread.currentThread());
    }

    @Test
    void aTurnThatAsksNoModelInsertsItWhenFirstNeeded() {
        ChatTurns.MessageInsert insert = insertThat(false);

        assertThat(insert.await()).isTrue();
        insert.startAsync();   // too late to matter: already stored

        assertThat(inserts).hasValue(1);
        assertThat(insertedOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void aRefusedInsertFailsTheTurnInsteadOfHangingIt() {
        ChatTurns.MessageInsert refused = insertThat(true);
        refused.startAsync();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(refused.await()).isFalse());
        assertThat(insertThat(true).await()).isFalse();
    }

    @Test
    void anInsertThatThrowsStillEndsTheWait() {
        ChatTurns.MessageInsert broken = new ChatTurns.MessageInsert(done -> {
            throw new IllegalStateException("no connection");
        });
        broken.startAsync();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(broken.await()).isFalse());
    }
}
