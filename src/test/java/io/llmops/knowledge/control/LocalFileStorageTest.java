package io.llmops.knowledge.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFileStorageTest {

    @TempDir
    Path root;

    @Test
    void putGetDeleteRoundTrip() throws IOException {
        FileStorage storage = new LocalFileStorage(root);
        storage.put("uploads/ws-1/file-1", new ByteArrayInputStream("hello".getBytes()));
        assertThat(storage.exists("uploads/ws-1/file-1")).isTrue();
        try (InputStream in = storage.get("uploads/ws-1/file-1")) {
            assertThat(in.readAllBytes()).isEqualTo("hello".getBytes());
        }
        storage.put("uploads/ws-1/file-1", new ByteArrayInputStream("again".getBytes()));
        try (InputStream in = storage.get("uploads/ws-1/file-1")) {
            assertThat(in.readAllBytes()).isEqualTo("again".getBytes());
        }
        storage.delete("uploads/ws-1/file-1");
        storage.delete("uploads/ws-1/file-1");
        assertThat(storage.exists("uploads/ws-1/file-1")).isFalse();
        assertThatThrownBy(() -> storage.get("uploads/ws-1/file-1")).isInstanceOf(NoSuchFileException.class);
        try (var left = Files.list(root.resolve("uploads/ws-1"))) {
            assertThat(left).as("no partial files left behind").isEmpty();
        }
    }

    @Test
    void keysThatCouldLeaveTheRootAreRefused() {
        FileStorage storage = new LocalFileStorage(root);
        for (String key : new String[] {"../x", "a/../../x", "/etc/passwd", "a//b", "A", "a/.hidden", "", "a/"}) {
            assertThatThrownBy(() -> storage.put(key, new ByteArrayInputStream(new byte[1])))
                    .as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aFailedWriteLeavesNothing() throws IOException {
        FileStorage storage = new LocalFileStorage(root);
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ > 10) {
                    throw new IOException("client went away");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> storage.put("uploads/w/f", failing)).isInstanceOf(IOException.class);
        assertThat(storage.exists("uploads/w/f")).isFalse();
        try (var left = Files.list(root.resolve("uploads/w"))) {
            assertThat(left).isEmpty();
        }
    }
}
