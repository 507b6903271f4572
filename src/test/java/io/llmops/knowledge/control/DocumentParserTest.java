package io.llmops.knowledge.control;

import io.llmops.knowledge.control.DocumentParser.UnreadableDocumentException;
import io.llmops.testing.UploadFixtures;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentParserTest {

    private static final String CHINESE = "知识库让智能体根据团队自己的文档回答问题。检索必须快速而且准确。";
    private static final String FRENCH = "Le café est servi à la crème brûlée; déjà vu, naïve façade, où est l'élève? "
            + "Über die Straße — « voilà » ! Ça coûte 5 €.";

    private final DocumentParser parser = new DocumentParser();

    // ---- txt and md

    @Test
    void utf8TextWithAndWithoutBom() throws Exception {
        String text = "Hello, world\n" + CHINESE + "\n" + FRENCH;
        assertThat(parse(text.getBytes(StandardCharsets.UTF_8), "txt")).isEqualTo(text);
        byte[] bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8));
        assertThat(parse(bom, "txt")).isEqualTo(text);
    }

    @Test
    void utf16WithBomEitherOrder() throws Exception {
        String text = "Plain text\n" + CHINESE;
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
        assertThat(parse(le, "txt")).isEqualTo(text);
        assertThat(parse(be, "md")).isEqualTo(text);
    }

    @Test
    void chineseInGb18030AndGbk() throws Exception {
        String text = CHINESE + "\n" + "上传文档，观察处理进度，编辑分段，测试三种检索方式，并与引用来源的应用对话。";
        assertThat(parse(text.getBytes(Charset.forName("GB18030")), "txt")).isEqualTo(text);
        assertThat(parse(text.getBytes(Charset.forName("GBK")), "md")).isEqualTo(text);
    }

    @Test
    void westernTextInWindows1252() throws Exception {
        assertThat(parse(FRENCH.getBytes(Charset.forName("windows-1252")), "txt")).isEqualTo(FRENCH);
    }

    @Test
    void markdownStaysMarkdownAndLineEndingsAndControlCharactersAreNormalised() throws Exception {
        String md = "# Title\r\n\r\n- item **bold**\r\n- item\u0000two\u0007\r\n\r\n```java\r\nint x;\r\n```\r\n";
        assertThat(parse(md.getBytes(StandardCharsets.UTF_8), "md"))
                .isEqualTo("# Title\n\n- item **bold**\n- itemtwo\n\n```java\nint x;\n```\n");
    }

    @Test
    void emptyAndBlankDocumentsHaveNoText() {
        for (String type : List.of("txt", "md", "csv", "html")) {
            assertReason(new byte[0], type, "no text");
            assertReason(" \n\t\r\n ".getBytes(StandardCharsets.UTF_8), type, "no text");
        }
        assertReason(new byte[0], "pdf", "could not be read as a PDF");
    }

    @Test
    void textOverTheLimitIsRefused() {
        DocumentParser small = new DocumentParser(1000);
        byte[] text = "x".repeat(1001).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> small.parse(new ByteArrayInputStream(text), "txt"))
                .isInstanceOf(UnreadableDocumentException.class).hasMessage("the document has more than 1000 characters");
        byte[] huge = new byte[10_000];
        java.util.Arrays.fill(huge, (byte) 'y');
        assertThatThrownBy(() -> small.parse(new ByteArrayInputStream(huge), "md"))
                .hasMessage("the document has more than 1000 characters");
    }

    @Test
    void unknownTypesAreRefused() {
        assertReason("x".getBytes(StandardCharsets.UTF_8), "exe", "cannot be read as documents");
    }

    // ---- csv and html

    @Test
    void csvRowsAreLinesOfTabJoinedCells() throws Exception {
        String csv = "name,city,note\r\nAlice,Paris,\"says \"\"hi\"\", twice\"\r\n张三,北京,中文\r\n";
        assertThat(parse(csv.getBytes(StandardCharsets.UTF_8), "csv"))
                .isEqualTo("name\tcity\tnote\nAlice\tParis\tsays \"hi\", twice\n张三\t北京\t中文");
    }

    @Test
    void csvWithSemicolonsAsExcelWritesItInEurope() throws Exception {
        String csv = "Produit;Prix;Note\nCafé;2,50;\"très bon; corsé\"\nThé;3,00;léger\n";
        assertThat(parse(csv.getBytes(Charset.forName("windows-1252")), "csv"))
                .isEqualTo("Produit\tPrix\tNote\nCafé\t2,50\ttrès bon; corsé\nThé\t3,00\tléger");
    }

    @Test
    void csvOverTheLimitIsRefused() {
        String csv = "a,b\n" + "1,2\n".repeat(1000);
        assertThatThrownBy(() -> new DocumentParser(500).parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "csv"))
                .hasMessage("the document has more than 500 characters");
    }

    @Test
    void csvInGb18030() throws Exception {
        String csv = "产品,价格,说明\n苹果,5,新鲜的红苹果来自山东\n香蕉,3,进口香蕉口感很好\n橙子,4,甜橙富含维生素\n";
        assertThat(parse(csv.getBytes(Charset.forName("GB18030")), "csv"))
                .contains("产品\t价格\t说明").contains("香蕉\t3\t进口香蕉口感很好");
    }

    @Test
    void htmlKeepsVisibleTextInParagraphs() throws Exception {
        String html = """
                <!DOCTYPE html><html><head><title>Page title</title>
                <style>body { color: red }</style>
                <script>var secret = "do not index";</script></head>
                <body>
                  <h1>Heading</h1>
                  <p>First   paragraph
                     spans lines.</p>
                  <p>Second <b>bold</b> paragraph.<br>After a break.</p>
                  <script>alert("hidden")</script>
                  <ul><li>one</li><li>two</li></ul>
                  <table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>
                  <pre>  keep
                    spacing</pre>
                  <p>中文段落。</p>
                </body></html>
                """;
        String text = parse(html.getBytes(StandardCharsets.UTF_8), "html");
        assertThat(text).isEqualTo("Heading\n\nFirst paragraph spans lines.\n\nSecond bold paragraph.\nAfter a break.\n\n"
                + "one\ntwo\n\nk\tv\na\t1\n\n  keep\n    spacing\n\n中文段落。");
        assertThat(text).doesNotContain("secret", "hidden", "color", "Page title");
    }

    @Test
    void htmlDeclaringAnotherCharset() throws Exception {
        String html = "<html><head><meta charset=\"gb2312\"></head><body><p>" + CHINESE + "</p></body></html>";
        assertThat(parse(html.getBytes(Charset.forName("GB18030")), "html")).isEqualTo(CHINESE);
    }

    @Test
    void htmlEntitiesAreNotResolvedFromOutside() throws Exception {
        String html = "<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><html><body><p>a &xxe; b</p></body></html>";
        assertThat(parse(html.getBytes(StandardCharsets.UTF_8), "html")).doesNotContain("root:");
    }

    // ---- pdf

    @Test
    void aThreeHundredPagePdfComesBackPageByPageInOrder() throws Exception {
        byte[] pdf = pdf(300, page -> List.of("Page " + page + " begins here.", "Line two of page " + page + "."));
        long start = System.nanoTime();
        String text = parse(pdf, "pdf");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(Duration.ofSeconds(30));
        int at = -1;
        for (int page = 1; page <= 300; page++) {
            int next = text.indexOf("Page " + page + " begins here.", at + 1);
            assertThat(next).as("page %d after %d", page, at).isGreaterThan(at);
            at = next;
        }
        // pages are blank-line separated blocks
        assertThat(text).contains("Line two of page 1.\n\nPage 2 begins here.");
        assertThat(text.split("\n\n")).hasSize(300);
    }

    @Test
    void aPasswordProtectedPdfIsRefusedWithAReason() throws Exception {
        byte[] plain = pdf(1, page -> List.of("Secret page"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(plain)) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-pw", "user-pw", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(out);
        }
        assertReason(out.toByteArray(), "pdf", "the PDF document is protected by a password");
    }

    @Test
    void aPdfWithOnlyAnOwnerPasswordIsRead() throws Exception {
        byte[] plain = pdf(1, page -> List.of("Readable by anyone"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(plain)) {
            AccessPermission permissions = new AccessPermission();
            permissions.setCanModify(false);
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-pw", "", permissions);
            policy.setEncryptionKeyLength(256);
            doc.protect(policy);
            doc.save(out);
        }
        assertThat(parse(out.toByteArray(), "pdf")).isEqualTo("Readable by anyone");
    }

    @Test
    void garbageNamedPdfIsRefusedWithAReason() {
        assertReason("this is not a pdf at all".repeat(100).getBytes(StandardCharsets.UTF_8), "pdf",
                "the file could not be read as a PDF document");
        assertReason(UploadFixtures.elf(), "pdf", "the file could not be read as a PDF document");
    }

    @Test
    void aPdfWithoutTextSaysSo() throws Exception {
        byte[] pdf = pdf(2, page -> List.of());
        assertReason(pdf, "pdf", "the PDF has no text");
    }

    @Test
    void pdfTextOverTheLimitIsRefused() throws Exception {
        byte[] pdf = pdf(50, page -> List.of("Page " + page + " " + "word ".repeat(20)));
        assertThatThrownBy(() -> new DocumentParser(2000).parse(new ByteArrayInputStream(pdf), "pdf"))
                .isInstanceOf(UnreadableDocumentException.class).hasMessage("the document has more than 2000 characters");
    }

    // ---- docx and xlsx

    @Test
    void docxParagraphsAndTables() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.createParagraph().createRun().setText("First paragraph.");
            doc.createParagraph().createRun().setText(CHINESE);
            XWPFTable table = doc.createTable(2, 2);
            table.getRow(0).getCell(0).setText("名称");
            table.getRow(0).getCell(1).setText("数量");
            table.getRow(1).getCell(0).setText("apples");
            table.getRow(1).getCell(1).setText("3");
            doc.createParagraph().createRun().setText("After the table.");
            doc.write(out);
        }
        String text = parse(out.toByteArray(), "docx");
        assertThat(text).isEqualTo("First paragraph.\n\n" + CHINESE + "\n\n名称\t数量\napples\t3\n\nAfter the table.");
    }

    @Test
    void xlsxSheetsAreHeadedBlocksWithOneLinePerRow() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            XSSFSheet fruit = book.createSheet("Fruit");
            fruit.createRow(0).createCell(0).setCellValue("name");
            fruit.getRow(0).createCell(1).setCellValue("price");
            fruit.createRow(1).createCell(0).setCellValue("苹果");
            fruit.getRow(1).createCell(1).setCellValue(5);
            XSSFSheet people = book.createSheet("People");
            people.createRow(0).createCell(0).setCellValue("Alice");
            people.getRow(0).createCell(1).setCellValue("Paris");
            book.write(out);
        }
        String text = parse(out.toByteArray(), "xlsx");
        assertThat(text).isEqualTo("Fruit\n\nname\tprice\n苹果\t5\n\nPeople\n\nAlice\tParis");
    }

    @Test
    void aDocxNeverResolvesExternalEntities() throws Exception {
        byte[] docx = UploadFixtures.docx("before &xxe; after");
        byte[] evil = rewriteDocumentXml(docx, xml -> xml.replace("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"));
        try {
            assertThat(parse(evil, "docx")).doesNotContain("root:");
        } catch (UnreadableDocumentException refused) {
            assertThat(refused.getMessage()).doesNotContain("root:").doesNotContain("/etc/passwd");
        }
    }

    @Test
    void aZipBombDocxIsRefusedQuickly() throws Exception {
        byte[] bomb = bombDocx(200L << 20);
        assertThat(bomb.length).isLessThan(2 << 20);
        long start = System.nanoTime();
        assertReason(bomb, "docx", "zip bomb");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aBrokenOfficeFileIsRefusedWithAReason() {
        assertReason(new byte[] {'P', 'K', 3, 4, 0, 0, 0}, "docx", "the file could not be read as a Word (docx) document");
        assertReason(UploadFixtures.zip(java.util.Map.of("readme.txt", "hi")), "xlsx",
                "the file could not be read as an Excel (xlsx) document");
    }

    // ---- helpers

    private String parse(byte[] bytes, String type) throws UnreadableDocumentException {
        return parser.parse(new ByteArrayInputStream(bytes), type);
    }

    private void assertReason(byte[] bytes, String type, String reason) {
        assertThatThrownBy(() -> parse(bytes, type))
                .as(type)
                .isInstanceOf(UnreadableDocumentException.class)
                .message().containsIgnoringCase(reason);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] pdf(int pages, java.util.function.IntFunction<List<String>> lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int page = 1; page <= pages; page++) {
                PDPage p = new PDPage();
                doc.addPage(p);
                try (PDPageContentStream content = new PDPageContentStream(doc, p)) {
                    float y = 720;
                    for (String line : lines.apply(page)) {
                        content.beginText();
                        content.setFont(font, 12);
                        content.newLineAtOffset(72, y);
                        content.showText(line);
                        content.endText();
                        y -= 16;
                    }
                }
            }
            doc.save(out);
        }
        return out.toByteArray();
    }

    /** A docx whose body text inflates to {@code bytes} of one letter: a real document, just absurdly compressible. */
    private static byte[] bombDocx(long bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                    + "</Types>");
            put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
                    + "</Relationships>");
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) 'a');
            for (long written = 0; written < bytes; written += block.length) {
                zip.write(block);
            }
            zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** The same zip with word/document.xml passed through {@code change}. */
    private static byte[] rewriteDocumentXml(byte[] docx, java.util.function.UnaryOperator<String> change) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(docx));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                put(zip, entry.getName(), "word/document.xml".equals(entry.getName()) ? change.apply(text) : text);
            }
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
