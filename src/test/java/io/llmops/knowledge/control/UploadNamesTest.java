package io.llmops.knowledge.control;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class UploadNamesTest {

    @Test
    void keepsOrdinaryNamesAndLowerCasesTheExtension() {
        assertThat(UploadNames.sanitise("Quarterly report.PDF")).isEqualTo("Quarterly report.pdf");
        assertThat(UploadNames.sanitise("中文 文档.docx")).isEqualTo("中文 文档.docx");
    }

    @Test
    void dropsDirectoriesAndParentReferences() {
        assertThat(UploadNames.sanitise("../../etc/passwd.txt")).isEqualTo("passwd.txt");
        assertThat(UploadNames.sanitise("..\\..\\windows\\win.ini.txt")).isEqualTo("win.ini.txt");
        assertThat(UploadNames.sanitise("/abs/path/")).isEqualTo("file");
        assertThat(UploadNames.sanitise("..")).isEqualTo("file");
        assertThat(UploadNames.sanitise("...txt")).isEqualTo("txt");
    }

    @Test
    void stripsControlFormatAndForbiddenCharacters() {
        assertThat(UploadNames.sanitise("a\u0000b\nc\rd.txt")).isEqualTo("abcd.txt");
        // right-to-left override would show "invoice_fdp.exe" as "invoice_exe.pdf"
        assertThat(UploadNames.sanitise("invoice_\u202Efdp.exe.txt")).isEqualTo("invoice_fdp.exe.txt");
        assertThat(UploadNames.sanitise("what?<is>:this|\"*.md")).isEqualTo("whatisthis.md");
    }

    @Test
    void trimsDotsAndSpacesAndNeverLeavesAHiddenFile() {
        assertThat(UploadNames.sanitise("  .hidden.txt. ")).isEqualTo("hidden.txt");
        assertThat(UploadNames.sanitise(".txt")).isEqualTo("txt");
        assertThat(UploadNames.sanitise(null)).isEqualTo("file");
    }

    @Test
    void prefixesWindowsDeviceNames() {
        assertThat(UploadNames.sanitise("CON.txt")).isEqualTo("_CON.txt");
        assertThat(UploadNames.sanitise("lpt1.tar.csv")).isEqualTo("_lpt1.tar.csv");
        assertThat(UploadNames.sanitise("console.txt")).isEqualTo("console.txt");
    }

    @Test
    void capsTheLengthButKeepsTheExtension() {
        String name = UploadNames.sanitise("长".repeat(500) + ".xlsx");
        assertThat(name.codePointCount(0, name.length())).isEqualTo(UploadNames.MAX_LENGTH);
        assertThat(name).endsWith("长.xlsx");
        assertThat(UploadNames.sanitise("a." + "x".repeat(300))).isEqualTo("file");
    }

    @Test
    void extensionIsTheLastSuffix() {
        assertThat(UploadNames.extension("a.tar.gz")).isEqualTo("gz");
        assertThat(UploadNames.extension("README")).isEmpty();
        assertThat(UploadNames.extension("trailing.")).isEmpty();
    }

    @Test
    void repairsUtf8NamesReadAsLatin1() {
        String mangled = new String("季度报告.pdf".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(UploadNames.fromHeader(mangled)).isEqualTo("季度报告.pdf");
        assertThat(UploadNames.fromHeader("季度报告.pdf")).isEqualTo("季度报告.pdf");
        assertThat(UploadNames.fromHeader("café.txt")).isEqualTo("café.txt");
        assertThat(UploadNames.fromHeader("plain.txt")).isEqualTo("plain.txt");
    }
}
