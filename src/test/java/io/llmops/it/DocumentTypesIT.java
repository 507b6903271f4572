package io.llmops.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmops.it.Api.Session;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every accepted document type goes through upload → ingestion job → segments → hit testing, from files
 * this test makes: txt (UTF-8 and GB18030 Chinese), md, csv, html, docx (with a table and Chinese),
 * xlsx (two sheets) and a generated 300-page PDF whose first and last pages both end up searchable.
 */
@ExtendWith(LlmopsServer.class)
class DocumentTypesIT {

    private final Api api = new Api();
    private final Ingestion ingestion = new Ingestion(api);

    @Test
    void everyAcceptedTypeIsIngestedAndSearchable() throws IOException {
        Session owner = api.register();
        String ds = ingestion.dataset(owner, "every-type");

        // each file carries a marker word found nowhere else, searched for after ingestion
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("notes.txt", "Plain text notes mention the word quokkaone twice: quokkaone.".getBytes(StandardCharsets.UTF_8));
        files.put("中文.txt", "知识库让智能体根据团队自己的文档回答问题。长城位于中国北方。".getBytes(Charset.forName("GB18030")));
        files.put("guide.md", "# Guide\n\nMarkdown guide about the quokkatwo procedure.\n\n- step one\n- step two\n"
                .getBytes(StandardCharsets.UTF_8));
        files.put("prices.csv", "item,price\nquokkathree,12.50\nwidget,3.10\n".getBytes(StandardCharsets.UTF_8));
        files.put("page.html", ("<html><head><style>p {color: red}</style><script>var hidden = 'scriptword';</script></head>"
                + "<body><h1>Title</h1><p>The quokkafour paragraph.</p></body></html>").getBytes(StandardCharsets.UTF_8));
        files.put("report.docx", docx());
        files.put("sheet.xlsx", xlsx());
        files.put("book.pdf", pdf(300));

        String[] uploads = files.entrySet().stream().map(f -> ingestion.upload(owner, f.getKey(), f.getValue()))
                .toArray(String[]::new);
        String batch = ingestion.ingest(owner, ds, Ingestion.request(uploads));
        JsonNode done = ingestion.await(owner, ds, batch, d -> Ingestion.TERMINAL.contains(d.path("status").asText()),
                java.time.Duration.ofMinutes(6));

        Map<String, String> documentIds = new LinkedHashMap<>();
        for (JsonNode doc : done.path("documents")) {
            assertThat(doc.path("status").asText()).as(doc.toString()).isEqualTo("completed");
            assertThat(doc.path("segment_count").asInt()).as(doc.toString()).isPositive();
            documentIds.put(doc.path("name").asText(), doc.path("id").asText());
        }
        assertThat(documentIds.keySet()).containsExactlyElementsOf(files.keySet());

        assertThat(firstHit(owner, ds, "quokkaone")).isEqualTo(documentIds.get("notes.txt"));
        assertThat(firstHit(owner, ds, "长城位于中国北方")).isEqualTo(documentIds.get("中文.txt"));
        assertThat(firstHit(owner, ds, "quokkatwo")).isEqualTo(documentIds.get("guide.md"));
        assertThat(firstHit(owner, ds, "quokkathree")).isEqualTo(documentIds.get("prices.csv"));
        assertThat(firstHit(owner, ds, "quokkafour")).isEqualTo(documentIds.get("page.html"));
        assertThat(firstHit(owner, ds, "quokkafive")).isEqualTo(documentIds.get("report.docx"));
        assertThat(firstHit(owner, ds, "熊猫吃竹子")).isEqualTo(documentIds.get("report.docx"));
        assertThat(firstHit(owner, ds, "quokkasix")).isEqualTo(documentIds.get("sheet.xlsx"));
        assertThat(firstHit(owner, ds, "quokkaseven")).isEqualTo(documentIds.get("sheet.xlsx"));
        assertThat(firstHit(owner, ds, "pagemarker1")).isEqualTo(documentIds.get("book.pdf"));
        assertThat(firstHit(owner, ds, "pagemarker300")).isEqualTo(documentIds.get("book.pdf"));

        // the Chinese text was decoded (GB18030), the HTML's script and style were not taken as text
        String chinese = String.join("", Ingestion.contents(ingestion.segments(owner, ds, documentIds.get("中文.txt"))));
        assertThat(chinese).contains("知识库让智能体根据团队自己的文档回答问题");
        String html = String.join(" ", Ingestion.contents(ingestion.segments(owner, ds, documentIds.get("page.html"))));
        assertThat(html).contains("quokkafour").doesNotContain("scriptword").doesNotContain("color");

        // every one of the PDF's 300 pages is in its segments, in order
        String book = String.join(" ", Ingestion.contents(ingestion.segments(owner, ds, documentIds.get("book.pdf"))));
        int last = -1;
        for (int page = 1; page <= 300; page++) {
            int at = book.indexOf("pagemarker" + page + " ");
            assertThat(at).as("page %d", page).isGreaterThan(last);
            last = at;
        }
    }

    private String firstHit(Session owner, String ds, String query) {
        List<String> hits = ingestion.hitDocuments(owner, ds, query, "full_text");
        assertThat(hits).as("hits for %s", query).isNotEmpty();
        return hits.getFirst();
    }

    private static byte[] docx() throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("The quarterly report describes the quokkafive initiative.");
            doc.createParagraph().createRun().setText("大熊猫主要生活在四川的竹林里，以竹子为食。");
            XWPFTable table = doc.createTable(2, 2);
            table.getRow(0).getCell(0).setText("region");
            table.getRow(0).getCell(1).setText("sales");
            table.getRow(1).getCell(0).setText("north");
            table.getRow(1).getCell(1).setText("1200");
            doc.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] xlsx() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet first = book.createSheet("Stock");
            XSSFRow header = first.createRow(0);
            header.createCell(0).setCellValue("product");
            header.createCell(1).setCellValue("count");
            XSSFRow row = first.createRow(1);
            row.createCell(0).setCellValue("quokkasix");
            row.createCell(1).setCellValue(42);
            book.createSheet("Notes").createRow(0).createCell(0).setCellValue("second sheet holds quokkaseven");
            book.write(out);
            return out.toByteArray();
        }
    }

    /** A PDF of {@code pages} pages, each with a few lines and its own marker word. */
    private static byte[] pdf(int pages) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int p = 1; p <= pages; p++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                    text.beginText();
                    text.setFont(font, 11);
                    text.newLineAtOffset(72, 720);
                    text.showText("Chapter " + p + " pagemarker" + p + " begins here.");
                    for (int line = 0; line < 5; line++) {
                        text.newLineAtOffset(0, -16);
                        text.showText("Line " + line + " of page " + p + " describes shipment " + (p * 31 + line) + ".");
                    }
                    text.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }
}
