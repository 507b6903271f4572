package io.llmops.knowledge.control;

import io.llmops.platform.error.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpoolTest {

    @TempDir
    Path dir;

    @Test
    void countsAndHashesWhatStreamsIn() throws IOException {
        try (Spool spool = Spool.of(new ByteArrayInputStream("abc".getBytes()), 3, dir)) {
            assertThat(spool.size()).isEqualTo(3);
            assertThat(spool.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
            assertThat(Files.readString(spool.file())).isEqualTo("abc");
        }
        try (var left = Files.list(dir)) {
            assertThat(left).as("closing deletes the spool file").isEmpty();
        }
    }

    @Test
    void stopsReadingOneByteOverTheCap() throws IOException {
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                served[0] += len;
                return len;
            }
        };
        assertThatThrownBy(() -> Spool.of(endless, 1 << 20, dir))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.code()).isEqualTo("payload_too_large");
                });
        assertThat(served[0]).isLessThanOrEqualTo((1 << 20) + 64 * 1024);
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
