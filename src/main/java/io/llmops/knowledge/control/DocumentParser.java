package io.llmops.knowledge.control;

import io.llmops.platform.error.ApiException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.detect.CompositeEncodingDetector;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.csv.TextAndCSVParser;
import org.apache.tika.parser.html.HtmlEncodingDetector;
import org.apache.tika.parser.html.JSoupParser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.parser.txt.BOMDetector;
import org.apache.tika.parser.txt.CharsetDetector;
import org.apache.tika.parser.txt.CharsetMatch;
import org.apache.tika.parser.txt.Icu4jEncodingDetector;
import org.apache.tika.parser.txt.UniversalEncodingDetector;
import org.apache.tika.sax.SecureContentHandler;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an accepted upload (see {@link UploadTypes#DOCUMENTS}) into plain text for the splitter.
 * Plain Java, no server: the ingestion job calls it with the stored bytes and the upload's extension.
 *
 * <ul>
 *   <li>txt, md: read as they are (Markdown stays Markdown) in the charset their bytes show: a BOM
 *   (UTF-8, UTF-16, UTF-32), else UTF-8 when they decode as it, else the statistical guess of
 *   Tika's detector (GB18030 for Chinese, windows-1252 for Western text, …).</li>
 *   <li>pdf, docx, xlsx, html, csv: Tika's parser for that one type (never auto-detection), and
 *   its XHTML turned into text with the structure the splitter's separators need: paragraphs,
 *   headings and PDF pages become blank-line-separated blocks; list items and table rows one line
 *   each, with cells joined by tabs. So an xlsx is one block per sheet, headed by the sheet's name,
 *   and a csv one line per row with its cells tab-joined (the header row is the first line).
 *   HTML keeps only visible body text (no head, script or style) with white space collapsed as a
 *   browser does, except in {@code pre}.</li>
 * </ul>
 *
 * Bounds: text past {@code maxCharacters} stops the parse; office files are opened through POI's
 * zip-bomb guard (inflate ratio, entry size) and every parse through Tika's
 * {@link SecureContentHandler} (output out of proportion to input, nesting depth); embedded files
 * are never parsed and external entities never resolved. Every failure is an
 * {@link UnreadableDocumentException} whose message is a reason for the document's owner.
 * Line endings come out as {@code \n}, without NUL or other control characters.
 */
public final class DocumentParser {

    /** Why a document cannot be read, in words an owner understands (stored as the document's error). */
    public static final class UnreadableDocumentException extends Exception {
        public UnreadableDocumentException(String reason) {
            super(reason);
        }

        public UnreadableDocumentException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** Text longer than this is refused rather than ingested (a bomb guard; about 2,500 pages). */
    public static final long DEFAULT_MAX_CHARACTERS = 5_000_000;

    /** POI's guard for an office part: at most 100 times its compressed size (its default, made explicit)… */
    static final double MIN_INFLATE_RATIO = 0.01;
    /** …and at most this many bytes. */
    static final long MAX_ENTRY_SIZE = 256L << 20;
    /** Our own walk of an office file before parsing: it may unpack to 100 times its size… */
    static final long MAX_INFLATE_RATIO = 100;
    /** …but always to 16 MiB (small files with much markup), and never past 256 MiB. */
    static final long MIN_INFLATED_BUDGET = 16L << 20;
    static final long MAX_INFLATED_BYTES = 256L << 20;
    static final int MAX_ENTRIES = 10_000;

    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "pdf", "application/pdf",
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "html", "text/html",
            "csv", "text/csv");
    private static final Map<String, String> NAMES = Map.of(
            "pdf", "PDF", "docx", "Word (docx)", "xlsx", "Excel (xlsx)", "html", "HTML", "csv", "CSV");

    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\uFFFE\\uFFFF]");
    private static final Pattern TRAILING_SPACE = Pattern.compile("[\\h&&[^\\u3000]]+(?=\\n|$)");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    static {
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_SIZE);
    }

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Set<String> WESTERN = Set.of("ISO-8859-1", "windows-1252");
    /** ICU's names of the other ASCII-compatible legacy charsets worth trusting, and the charset read for each. */
    private static final Map<String, String> LEGACY = Map.ofEntries(
            Map.entry("GB18030", "GB18030"), Map.entry("Big5", "Big5"), Map.entry("Shift_JIS", "Shift_JIS"),
            Map.entry("EUC-JP", "EUC-JP"), Map.entry("EUC-KR", "EUC-KR"),
            Map.entry("windows-1251", "windows-1251"), Map.entry("KOI8-R", "KOI8-R"), Map.entry("ISO-8859-5", "ISO-8859-5"),
            Map.entry("ISO-8859-2", "ISO-8859-2"), Map.entry("windows-1250", "windows-1250"),
            Map.entry("ISO-8859-7", "ISO-8859-7"), Map.entry("windows-1253", "windows-1253"),
            Map.entry("ISO-8859-9", "ISO-8859-9"), Map.entry("windows-1254", "windows-1254"),
            Map.entry("ISO-8859-8", "ISO-8859-8"), Map.entry("windows-1255", "windows-1255"),
            Map.entry("ISO-8859-6", "ISO-8859-6"), Map.entry("windows-1256", "windows-1256"));
    /** Latin-script code pages ICU confuses with windows-1252 on short texts. */
    private static final Set<String> LATIN = Set.of("ISO-8859-2", "windows-1250", "ISO-8859-9", "windows-1254");

    private final long maxCharacters;

    public DocumentParser() {
        this(DEFAULT_MAX_CHARACTERS);
    }

    public DocumentParser(long maxCharacters) {
        if (maxCharacters < 1) {
            throw new IllegalArgumentException("maxCharacters must be positive");
        }
        this.maxCharacters = maxCharacters;
    }

    /**
     * The document's text.
     *
     * @param extension the upload's validated extension, lower case (txt, md, csv, html, pdf, docx, xlsx)
     * @throws UnreadableDocumentException when the content cannot be parsed, is empty or too long
     */
    public String parse(InputStream content, String extension) throws UnreadableDocumentException {
        String type = extension == null ? "" : extension.toLowerCase(Locale.ROOT);
        String text = switch (type) {
            case "txt", "md" -> normalise(readText(content));
            case "csv" -> {
                // decoded as a txt is (one charset policy), then handed to Tika's CSV parser as UTF-8 with
                // the delimiter named: given less, Tika second-guesses short files into plain text
                String decoded = readText(content);
                String delimiter = delimiter(decoded);
                yield tidy(normalise(parseWithTika(new ByteArrayInputStream(decoded.getBytes(StandardCharsets.UTF_8)),
                        type, "text/csv; charset=UTF-8; delimiter=" + delimiter)));
            }
            case "pdf", "docx", "xlsx", "html" -> tidy(normalise(parseWithTika(content, type, MEDIA_TYPES.get(type))));
            default -> throw new UnreadableDocumentException("files of type ." + extension + " cannot be read as documents");
        };
        if (text.length() > maxCharacters) {
            throw tooLong();
        }
        if (text.isBlank()) {
            throw new UnreadableDocumentException("pdf".equals(type)
                    ? "the PDF has no text (a scanned PDF would need OCR, which is not available)"
                    : "the document has no text");
        }
        return text;
    }

    // ---- txt and md

    private String readText(InputStream content) throws UnreadableDocumentException {
        byte[] bytes;
        try {
            // any charset spends at least 4 bytes per 2 chars, so more bytes than this is more text than allowed
            long cap = Math.min(Integer.MAX_VALUE - 16L, maxCharacters * 4 + 4);
            bytes = content.readNBytes((int) cap + 1);
            if (bytes.length > cap) {
                throw tooLong();
            }
        } catch (IOException e) {
            throw new UnreadableDocumentException("the document could not be read", e);
        }
        return decode(bytes);
    }

    /** The bytes as text in the charset they show (see the class comment). */
    static String decode(byte[] bytes) {
        Charset bom = bomCharset(bytes);
        if (bom != null) {
            int skip = bom == StandardCharsets.UTF_8 ? 3 : bom.name().startsWith("UTF-32") ? 4 : 2;
            return new String(bytes, skip, bytes.length - skip, bom);
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return utf8;
        }
        Charset guessed = guess(bytes);
        return new String(bytes, guessed);
    }

    private static Charset bomCharset(byte[] b) {
        if (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
            return Charset.forName("UTF-32BE");
        }
        if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
            return Charset.forName("UTF-32LE");
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    /**
     * Tika's (ICU's) statistical guess: the first of its candidates that decodes the bytes cleanly,
     * among the ASCII-compatible legacy charsets; windows-1252 (which decodes anything) when none
     * does. On short texts ICU often hesitates between the Latin code pages, so windows-1252 (read
     * also for ISO-8859-1, its superset in every printable position) wins unless another one is
     * clearly more likely.
     */
    private static Charset guess(byte[] bytes) {
        CharsetDetector detector = new CharsetDetector(bytes.length);
        detector.setText(bytes);
        CharsetMatch[] matches;
        try {
            matches = detector.detectAll();
        } catch (RuntimeException e) {
            matches = new CharsetMatch[0];
        }
        int western = 0;
        for (CharsetMatch match : matches) {
            if (WESTERN.contains(match.getName())) {
                western = Math.max(western, match.getConfidence());
            }
        }
        for (CharsetMatch match : matches) {
            String name = match.getName();
            if (WESTERN.contains(name)) {
                break;
            }
            if (match.getConfidence() < 10 || !LEGACY.containsKey(name)) {
                continue;
            }
            if (LATIN.contains(name) && match.getConfidence() - western < 15) {
                break;
            }
            Charset charset = Charset.forName(LEGACY.get(name));
            if (strict(bytes, charset) != null) {
                return charset;
            }
        }
        return WINDOWS_1252;
    }

    private static String strict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    // ---- Tika

    /** The most frequent of comma, semicolon, tab and pipe outside quotes on the first line (comma on a tie). */
    static String delimiter(String csv) {
        Map<Character, String> names = Map.of(',', "comma", ';', "semicolon", '\t', "tab", '|', "pipe");
        Map<Character, Integer> counts = new java.util.HashMap<>();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && names.containsKey(c)) {
                counts.merge(c, 1, Integer::sum);
            }
        }
        char best = ',';
        for (char c : List.of(';', '\t', '|')) {
            if (counts.getOrDefault(c, 0) > counts.getOrDefault(best, 0)) {
                best = c;
            }
        }
        return names.get(best);
    }

    private String parseWithTika(InputStream content, String type, String mediaType) throws UnreadableDocumentException {
        TextHandler text = new TextHandler(maxCharacters, "html".equals(type));
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, mediaType);
        metadata.set(TikaCoreProperties.CONTENT_TYPE_USER_OVERRIDE, mediaType);
        try (TikaInputStream in = TikaInputStream.get(content)) {
            if ("docx".equals(type) || "xlsx".equals(type)) {
                checkArchive(in.getPath(), type);
            }
            SecureContentHandler secure = new SecureContentHandler(text, in);
            try {
                parser(type).parse(in, secure, metadata, context());
            } catch (SAXException | IOException | org.apache.tika.exception.TikaException | RuntimeException
                     | StackOverflowError e) {
                throw unreadable(type, e, secure);
            }
        } catch (IOException e) {
            throw new UnreadableDocumentException("the document could not be read", e);
        }
        return text.toString();
    }

    /**
     * POI's own inflate-ratio guard does not fire for the way Tika opens a package (seen with a docx
     * inflating 1000:1), so the archive is first unpacked, counting, within a budget in proportion to
     * its size ({@link ZipInspector}, as at upload); and it must hold the document its name says.
     */
    private static void checkArchive(Path file, String type) throws IOException, UnreadableDocumentException {
        long budget = Math.min(MAX_INFLATED_BYTES, Math.max(MIN_INFLATED_BUDGET, Files.size(file) * MAX_INFLATE_RATIO));
        ZipInspector.Content content;
        try {
            content = ZipInspector.inspect(file, new ArchiveLimits(budget, MAX_ENTRIES));
        } catch (ApiException e) {
            throw "archive_too_large".equals(e.code()) ? bomb(e) : notA(type, e);
        }
        if (content != ("docx".equals(type) ? ZipInspector.Content.DOCX : ZipInspector.Content.XLSX)) {
            throw notA(type, null);
        }
    }

    private static Parser parser(String type) {
        return switch (type) {
            case "pdf" -> new PDFParser();
            case "docx", "xlsx" -> new OOXMLParser();
            case "html" -> new JSoupParser(encodings());
            case "csv" -> new TextAndCSVParser(encodings());
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** Explicit, so no service lookup decides (the server's class loaders may see other detectors). */
    private static EncodingDetector encodings() {
        return new CompositeEncodingDetector(List.of(
                new BOMDetector(), new HtmlEncodingDetector(), new UniversalEncodingDetector(), new Icu4jEncodingDetector()));
    }

    private static ParseContext context() {
        ParseContext context = new ParseContext();
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setExtractBookmarksText(false);
        pdf.setExtractInlineImages(false);
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setSuppressDuplicateOverlappingText(true);
        context.set(PDFParserConfig.class, pdf);
        OfficeParserConfig office = new OfficeParserConfig();
        office.setIncludeHeadersAndFooters(false);
        office.setIncludeDeletedContent(false);
        office.setIncludeMoveFromContent(false);
        office.setUseSAXDocxExtractor(true);
        office.setExtractMacros(false);
        context.set(OfficeParserConfig.class, office);
        context.set(EmbeddedDocumentExtractor.class, new NoEmbeddedDocuments());
        return context;
    }

    private UnreadableDocumentException unreadable(String type, Throwable e, SecureContentHandler secure) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TooMuchText) {
                return tooLong();
            }
            if (t instanceof EncryptedDocumentException) {
                return new UnreadableDocumentException("the " + NAMES.get(type) + " document is protected by a password", e);
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("Zip bomb") || message.contains("max size of the expanded data")
                    || message.contains("max. ratio of compressed file size")) {
                return bomb(e);
            }
            if (t instanceof StackOverflowError) {
                return new UnreadableDocumentException("the " + NAMES.get(type) + " document is nested too deeply to read", e);
            }
        }
        if (e instanceof SAXException sax) {
            try {
                secure.throwIfCauseOf(sax);
            } catch (org.apache.tika.exception.TikaException suspected) {
                return bomb(e);
            }
        }
        return notA(type, e);
    }

    private static UnreadableDocumentException notA(String type, Throwable cause) {
        String name = NAMES.get(type);
        String article = name.startsWith("E") || name.startsWith("H") ? "an " : "a ";
        return new UnreadableDocumentException("the file could not be read as " + article + name + " document", cause);
    }

    private UnreadableDocumentException tooLong() {
        return new UnreadableDocumentException("the document has more than " + maxCharacters + " characters");
    }

    private static UnreadableDocumentException bomb(Throwable cause) {
        return new UnreadableDocumentException(
                "the document unpacks to far more than its size suggests (refused as a possible zip bomb)", cause);
    }

    // ---- text clean-up

    private static String normalise(String text) {
        return CONTROL.matcher(text.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("");
    }

    /** Parser output only: no trailing blanks on lines, at most one blank line in a row, no blank edges. */
    private static String tidy(String text) {
        String out = TRAILING_SPACE.matcher(text).replaceAll("");
        out = BLANK_LINES.matcher(out).replaceAll("\n\n");
        return out.strip();
    }

    /** Embedded files (images, attachments, OLE objects) are skipped: their names would only be noise. */
    private static final class NoEmbeddedDocuments implements EmbeddedDocumentExtractor {
        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return false;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
        }
    }

    /** Thrown by the handler past the character limit, to stop the parser. */
    private static final class TooMuchText extends SAXException {
        TooMuchText() {
            super("too much text");
        }
    }

    /**
     * Tika's XHTML to text: blocks separated by a blank line, rows and list items by a line break,
     * cells by a tab; nothing from the head; white space collapsed for HTML (outside pre).
     */
    static final class TextHandler extends DefaultHandler {

        private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
                "blockquote", "table", "ul", "ol", "dl", "section", "article", "header", "footer", "aside", "nav",
                "address", "figure", "figcaption", "hr", "main", "form", "fieldset", "details", "summary");
        private static final Set<String> LINES = Set.of("li", "tr", "br", "dt", "dd", "caption", "option", "legend");
        private static final Set<String> CELLS = Set.of("td", "th");
        private static final Set<String> HIDDEN = Set.of("head", "script", "style", "noscript", "template", "title");

        private final StringBuilder out = new StringBuilder();
        private final long max;
        private final boolean collapseSpace;
        private int hidden;
        private int pre;
        private int pendingBreaks;
        private int cellsInRow;
        private boolean spacePending;

        TextHandler(long max, boolean collapseSpace) {
            this.max = max;
            this.collapseSpace = collapseSpace;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            String name = name(localName, qName);
            if (HIDDEN.contains(name)) {
                hidden++;
                return;
            }
            if ("pre".equals(name)) {
                pre++;
            }
            if (BLOCKS.contains(name)) {
                breakLine(2);
            } else if (LINES.contains(name)) {
                breakLine(1);
                if ("tr".equals(name)) {
                    cellsInRow = 0;
                }
            } else if (CELLS.contains(name) && hidden == 0) {
                if (cellsInRow++ > 0) {
                    flushBreaks();
                    append("\t");
                }
                spacePending = false;
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            String name = name(localName, qName);
            if (HIDDEN.contains(name)) {
                hidden--;
                return;
            }
            if ("pre".equals(name)) {
                pre--;
            }
            if (BLOCKS.contains(name)) {
                breakLine(2);
            } else if (LINES.contains(name)) {
                breakLine(1);
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (hidden > 0 || length == 0) {
                return;
            }
            if (!collapseSpace || pre > 0) {
                String chunk = new String(ch, start, length);
                if (!chunk.isBlank()) {
                    flushBreaks();
                }
                if (!out.isEmpty() || !chunk.isBlank()) {
                    append(chunk);
                }
                return;
            }
            for (int i = start; i < start + length; i++) {
                char c = ch[i];
                if (Character.isWhitespace(c) || c == '\u00A0') {
                    spacePending = true;
                } else {
                    if (pendingBreaks == 0 && spacePending && !out.isEmpty() && !endsWithSpace()) {
                        append(' ');
                    }
                    flushBreaks();
                    spacePending = false;
                    append(c);
                }
            }
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) {
            // Tika's formatting new lines, mostly after elements (already handled); but also its <br>
            if (hidden == 0 && new String(ch, start, length).indexOf('\n') >= 0) {
                breakLine(1);
            }
        }

        private boolean endsWithSpace() {
            char last = out.charAt(out.length() - 1);
            return last == ' ' || last == '\t' || last == '\n';
        }

        private void breakLine(int lines) {
            pendingBreaks = Math.max(pendingBreaks, lines);
            spacePending = false;
        }

        private void flushBreaks() throws SAXException {
            if (pendingBreaks > 0 && !out.isEmpty()) {
                append("\n".repeat(pendingBreaks));
            }
            pendingBreaks = 0;
        }

        private void append(String s) throws SAXException {
            if (out.length() + (long) s.length() > max) {
                throw new TooMuchText();
            }
            out.append(s);
        }

        private void append(char c) throws SAXException {
            if (out.length() >= max) {
                throw new TooMuchText();
            }
            out.append(c);
        }

        private static String name(String localName, String qName) {
            String name = localName == null || localName.isEmpty() ? qName : localName;
            return name == null ? "" : name.toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
