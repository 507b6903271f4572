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

class UploadTypesTest {

    private static final ArchiveLimits LIMITS = new ArchiveLimits(10 << 20, 100);

    @TempDir
    Path dir;

    @Test
    void acceptsEveryDocumentTypeWhoseContentAgrees() throws IOException {
        assertThat(document("txt", UploadFixtures.text("hello\n你好"))).isEqualTo("text/plain");
        assertThat(document("md", UploadFixtures.text("# Title\n\nbody"))).isEqualTo("text/markdown");
        assertThat(document("md", UploadFixtures.text("<!DOCTYPE html><p>raw html</p>"))).isEqualTo("text/markdown");
        assertThat(document("csv", UploadFixtures.text("a,b\n1,2\n"))).isEqualTo("text/csv");
        assertThat(document("html", UploadFixtures.text("<!DOCTYPE html><html><body>x</body></html>"))).isEqualTo("text/html");
        assertThat(document("html", UploadFixtures.text("<p>a fragment</p>"))).isEqualTo("text/html");
        assertThat(document("pdf", UploadFixtures.pdf("hello"))).isEqualTo("application/pdf");
        assertThat(document("docx", UploadFixtures.docx("hello")))
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(document("xlsx", UploadFixtures.xlsx("hello")))
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    @Test
    void acceptsTextInLegacyCharsetsThatMagicCallsBinary() throws IOException {
        byte[] gb18030 = "知识库让智能体根据团队自己的文档回答问题。长城位于中国北方。".getBytes(java.nio.charset.Charset.forName("GB18030"));
        assertThat(UploadTypes.sniff(write(gb18030))).isEqualTo("application/octet-stream");
        assertThat(document("txt", gb18030)).isEqualTo("text/plain");
        assertThat(document("csv", "名称,价格\n苹果,3\n".getBytes(java.nio.charset.Charset.forName("GBK")))).isEqualTo("text/csv");
        assertThat(document("md", "# 見出し\n\n日本語の本文です。".getBytes(java.nio.charset.Charset.forName("Shift_JIS"))))
                .isEqualTo("text/markdown");
        // random bytes are no text in any charset: refused
        byte[] noise = new byte[4096];
        new java.util.Random(1).nextBytes(noise);
        assertRefused("txt", noise, "unsupported_file_type");
        assertRefused("pdf", gb18030, "unsupported_file_type");
    }

    @Test
    void refusesExecutablesUnderADocumentName() {
        assertRefused("pdf", UploadFixtures.elf(), "unsupported_file_type");
        assertRefused("pdf", UploadFixtures.windowsExe(), "unsupported_file_type");
        assertRefused("txt", UploadFixtures.elf(), "unsupported_file_type");
    }

    @Test
    void refusesContentOfAnotherAllowedType() {
        assertRefused("pdf", UploadFixtures.text("not a pdf"), "unsupported_file_type");
        assertRefused("txt", UploadFixtures.pdf("x"), "unsupported_file_type");
        assertRefused("docx", UploadFixtures.xlsx("x"), "unsupported_file_type");
        assertRefused("xlsx", UploadFixtures.docx("x"), "unsupported_file_type");
        assertRefused("docx", UploadFixtures.text("PK not really"), "unsupported_file_type");
    }

    @Test
    void refusesExtensionsOutsideTheList() {
        assertRefused("exe", UploadFixtures.text("x"), "unsupported_file_type");
        assertRefused("", UploadFixtures.text("x"), "unsupported_file_type");
        assertRefused("png", UploadFixtures.png(), "unsupported_file_type");
    }

    @Test
    void imagesAreSniffedToo() throws IOException {
        assertThat(image("png", UploadFixtures.png())).isEqualTo("image/png");
        assertThat(image("jpg", UploadFixtures.jpeg())).isEqualTo("image/jpeg");
        assertThat(image("webp", UploadFixtures.webp())).isEqualTo("image/webp");
        Path fake = write(UploadFixtures.text("<svg/>"));
        assertThatThrownBy(() -> UploadTypes.check(UploadTypes.IMAGES, "png", fake, LIMITS))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("unsupported_file_type"));
    }

    @Test
    void aBombDocxIsRefusedForItsUnpackedSize() throws IOException {
        Path bomb = write(UploadFixtures.bombDocx(64L << 20));
        assertThatThrownBy(() -> UploadTypes.check(UploadTypes.DOCUMENTS, "docx", bomb, LIMITS))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("archive_too_large"));
    }

    private String document(String extension, byte[] content) throws IOException {
        return UploadTypes.check(UploadTypes.DOCUMENTS, extension, write(content), LIMITS);
    }

    private String image(String extension, byte[] content) throws IOException {
        return UploadTypes.check(UploadTypes.IMAGES, extension, write(content), LIMITS);
    }

    private void assertRefused(String extension, byte[] content, String code) {
        assertThatThrownBy(() -> document(extension, content))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.status()).isEqualTo(400);
                });
    }

    private Path write(byte[] content) throws IOException {
        return Files.write(Files.createTempFile(dir, "f", ".bin"), content);
    }
}
