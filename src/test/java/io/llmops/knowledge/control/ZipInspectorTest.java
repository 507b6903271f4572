package io.llmops.knowledge.control;

import io.llmops.platform.error.ApiException;
import io.llmops.testing.UploadFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZipInspectorTest {

    @TempDir
    Path dir;

    @Test
    void aGigabyteOfZerosInAMegabyteIsStoppedAtTheLimit() throws IOException {
        byte[] bomb = UploadFixtures.bombDocx(1L << 30);
        assertThat(bomb.length).isLessThan(2 << 20);
        Path file = Files.write(dir.resolve("bomb.docx"), bomb);
        assertThatThrownBy(() -> ZipInspector.inspect(file, new ArchiveLimits(100L << 20, 10_000)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("archive_too_large");
                    assertThat(e.status()).isEqualTo(400);
                });
    }

    @Test
    void headersClaimingSmallSizesDoNotFoolIt() throws IOException {
        // rewrite every size field of the bomb to claim 1 KiB: only counting inflated bytes catches it
        byte[] bomb = UploadFixtures.bombDocx(32L << 20);
        lieAboutSizes(bomb);
        Path file = Files.write(dir.resolve("liar.docx"), bomb);
        assertThatThrownBy(() -> ZipInspector.inspect(file, new ArchiveLimits(8L << 20, 10_000)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isIn("archive_too_large", "unsupported_file_type"));
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        Path file = Files.write(dir.resolve("many.docx"), UploadFixtures.manyEntries(500));
        assertThatThrownBy(() -> ZipInspector.inspect(file, new ArchiveLimits(100L << 20, 100)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("archive_too_large"));
    }

    @Test
    void tellsDocxFromXlsxByTheirParts() throws IOException {
        ArchiveLimits limits = new ArchiveLimits(1 << 20, 100);
        assertThat(ZipInspector.inspect(Files.write(dir.resolve("a.docx"), UploadFixtures.docx("x")), limits))
                .isEqualTo(ZipInspector.Content.DOCX);
        assertThat(ZipInspector.inspect(Files.write(dir.resolve("a.xlsx"), UploadFixtures.xlsx("x")), limits))
                .isEqualTo(ZipInspector.Content.XLSX);
        assertThat(ZipInspector.inspect(Files.write(dir.resolve("a.zip"),
                UploadFixtures.zip(java.util.Map.of("readme.txt", "hi"))), limits)).isEqualTo(ZipInspector.Content.OTHER);
    }

    @Test
    void aBrokenZipIsNotAnOfficeDocument() throws IOException {
        Path file = Files.write(dir.resolve("broken.docx"), new byte[] {'P', 'K', 3, 4, 0, 0, 0});
        assertThatThrownBy(() -> ZipInspector.inspect(file, new ArchiveLimits(1 << 20, 100)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("unsupported_file_type"));
    }

    /** Sets the uncompressed-size fields of local headers (PK\3\4) and central entries (PK\1\2) to 1024. */
    private static void lieAboutSizes(byte[] zip) {
        for (int i = 0; i + 46 < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4) {
                putInt(zip, i + 22, 1024);
            } else if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                putInt(zip, i + 24, 1024);
            }
        }
    }

    private static void putInt(byte[] bytes, int at, int value) {
        for (int b = 0; b < 4; b++) {
            bytes[at + b] = (byte) (value >>> (8 * b));
        }
    }
}
