package io.llmops.knowledge.control;

import io.llmops.platform.error.ApiException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Which files are accepted: the extension picks a type, and what Tika sniffs from the first bytes
 * (magic only; the name is deliberately not given to it) must be one that type may look like.
 * Office files are ZIPs to Tika: {@link ZipInspector} then decides, bounded, whether the parts of a
 * docx or an xlsx are really there.
 */
public final class UploadTypes {

    /** A type we accept: the MIME type we record and the sniffed types its content may show. */
    public record Accepted(String mimeType, Set<String> sniffed, ZipInspector.Content zip) {
    }

    private static final Set<String> TEXT = Set.of("text/plain");
    /** Anything Tika knows as a ZIP (plain, OOXML, …): {@link ZipInspector} has the last word. */
    private static final Set<String> ZIP = Set.of("application/zip");

    /** Document uploads (knowledge ingestion). */
    public static final Map<String, Accepted> DOCUMENTS = Map.of(
            "txt", new Accepted("text/plain", TEXT, null),
            // Markdown may open with raw HTML, which Tika calls text/html
            "md", new Accepted("text/markdown", Set.of("text/plain", "text/html"), null),
            "csv", new Accepted("text/csv", TEXT, null),
            // an HTML fragment without <html>/<body> sniffs as plain text
            "html", new Accepted("text/html", Set.of("text/html", "application/xhtml+xml", "text/plain"), null),
            "pdf", new Accepted("application/pdf", Set.of("application/pdf"), null),
            "docx", new Accepted("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP,
                    ZipInspector.Content.DOCX),
            "xlsx", new Accepted("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP,
                    ZipInspector.Content.XLSX));

    /** Image uploads (icons). */
    public static final Map<String, Accepted> IMAGES = Map.of(
            "png", new Accepted("image/png", Set.of("image/png"), null),
            "jpg", new Accepted("image/jpeg", Set.of("image/jpeg"), null),
            "jpeg", new Accepted("image/jpeg", Set.of("image/jpeg"), null),
            "webp", new Accepted("image/webp", Set.of("image/webp"), null));

    private static final MimeTypes MIME_TYPES = MimeTypes.getDefaultMimeTypes();

    private UploadTypes() {
    }

    /**
     * The MIME type to record for {@code file} named with {@code extension}, when the extension is
     * one of {@code allowed} and the content agrees with it.
     *
     * @throws ApiException 400 unsupported_file_type, or archive_too_large from {@link ZipInspector}
     */
    public static String check(Map<String, Accepted> allowed, String extension, Path file, ArchiveLimits limits)
            throws IOException {
        Accepted accepted = allowed.get(extension);
        if (accepted == null) {
            throw unsupported("Files of type ." + extension + " are not accepted; allowed: "
                    + String.join(", ", allowed.keySet().stream().sorted().toList()));
        }
        String sniffed = sniff(file);
        if (OCTET_STREAM.equals(sniffed) && accepted.sniffed().contains("text/plain") && looksLikeText(file)) {
            sniffed = "text/plain";
        }
        if (!accepted.sniffed().contains(sniffed) && !(accepted.zip() != null && isZip(sniffed))) {
            throw unsupported("The content (" + sniffed + ") does not match the extension ." + extension);
        }
        if (accepted.zip() != null && ZipInspector.inspect(file, limits) != accepted.zip()) {
            throw unsupported("The content is not a ." + extension + " document");
        }
        return accepted.mimeType();
    }

    /** Tika's type for the content alone (magic bytes, else text or octet-stream), without parameters. */
    public static String sniff(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            MediaType type = MIME_TYPES.detect(in, new Metadata());
            return type.getBaseType().toString();
        }
    }

    private static final String OCTET_STREAM = "application/octet-stream";
    private static final int TEXT_PROBE_BYTES = 64 * 1024;

    /**
     * Tika's magic calls text binary when many bytes are high (GB18030/GBK Chinese, Shift-JIS, …): text
     * is what decodes, in the charset the parser would read it with, to printable characters with at
     * most 1% control characters (an executable is full of NULs and controls).
     */
    static boolean looksLikeText(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(TEXT_PROBE_BYTES);
        }
        String text = DocumentParser.decode(head);
        if (text.isEmpty()) {
            return false;
        }
        long controls = text.chars().filter(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t'
                && c != '\f').count();
        return controls * 100 <= text.length();
    }

    private static boolean isZip(String type) {
        return MIME_TYPES.getMediaTypeRegistry().isSpecializationOf(MediaType.parse(type), MediaType.application("zip"));
    }

    private static ApiException unsupported(String detail) {
        return ApiException.badRequest("unsupported_file_type", detail);
    }
}
