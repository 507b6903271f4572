package io.llmops.knowledge.boundary;

import io.llmops.knowledge.boundary.DatasetStore.RecordedHit;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The hit writer without a server: a store that records batches, a plain executor behind the managed one. */
class HitWriterTest {

    private final UUID workspace = UUID.randomUUID();
    private final UUID dataset = UUID.randomUUID();
    private final UUID segment = UUID.randomUUID();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final FakeStore store = new FakeStore();
    private final HitWriter writer = new HitWriter();

    {
        writer.store = store;
        writer.executor = (ManagedExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        threads.execute((Runnable) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private RecordedHit hit(String query, UUID... segments) {
        return new RecordedHit(workspace, dataset, UUID.randomUUID(), query, "hybrid", Instant.now(), List.of(segments));
    }

    private static final class FakeStore extends DatasetStore {
        final List<List<RecordedHit>> batches = Collections.synchronizedList(new ArrayList<>());
        volatile int failuresLeft;
        volatile CountDownLatch gate;

        @Override
        public void writeHits(List<RecordedHit> hits) {
            try {
                if (gate != null && !gate.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("gate never opened");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("database down");
            }
            batches.add(List.copyOf(hits));
        }

        List<String> queries() {
            synchronized (batches) {
                return batches.stream().flatMap(List::stream).map(RecordedHit::query).toList();
            }
        }
    }

    @Test
    void aReadAfterHitTestsSeesThemAllWrittenInOrder() {
        for (int i = 0; i < 20; i++) {
            writer.record(hit("q" + i, segment));
        }
        writer.awaitWritten(dataset);
        assertThat(store.queries()).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "q" + i).toList());
        assertThat(writer.pending(List.of(segment))).isEmpty();
        // batched: far fewer transactions than hit tests
        assertThat(store.batches.size()).isLessThan(20);
    }

    @Test
    void unwrittenHitsAreShownAsPendingAndOtherDatasetsReadWithoutWaiting() {
        store.gate = new CountDownLatch(1);
        writer.record(hit("held", segment, segment));
        assertThat(writer.pending(List.of(segment, UUID.randomUUID()))).isEqualTo(Map.of(segment, 2L));
        writer.awaitWritten(UUID.randomUUID());           // nothing queued for it: returns at once
        writer.awaitWrittenInWorkspace(UUID.randomUUID());
        assertThat(store.batches).isEmpty();

        store.gate.countDown();
        writer.awaitWrittenInWorkspace(workspace);
        assertThat(store.queries()).containsExactly("held");
        assertThat(writer.pending(List.of(segment))).isEmpty();
    }

    @Test
    void aFailedBatchIsTriedAgain() {
        store.failuresLeft = 2;
        writer.record(hit("retried", segment));
        writer.awaitWritten(dataset);
        assertThat(store.queries()).containsExactly("retried");
    }

    @Test
    void aBatchThatKeepsFailingIsGivenUpAndReadersAreNotLeftWaiting() {
        store.failuresLeft = HitWriter.ATTEMPTS;
        writer.record(hit("lost", segment));
        writer.awaitWritten(dataset);
        assertThat(store.batches).isEmpty();
        assertThat(writer.pending(List.of(segment))).isEmpty();

        writer.record(hit("next", segment));
        writer.awaitWritten(dataset);
        assertThat(store.queries()).containsExactly("next");
    }

    @Test
    void afterCloseAHitTestWritesItsOwnRecord() {
        writer.record(hit("queued", segment));
        writer.close();
        assertThat(store.queries()).contains("queued");
        writer.record(hit("direct", segment));
        assertThat(store.queries()).endsWith("direct");
    }
}
