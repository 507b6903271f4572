package io.llmops.knowledge.control;

import io.llmops.platform.error.ApiException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Walks an uploaded ZIP (docx and xlsx are ZIPs) inflating every entry and counting the bytes
 * that really come out and the entries seen, so a bomb stops at the limit whatever its headers
 * claim; and tells which OOXML document it holds by its parts. Uses the central directory, as the
 * parsers that later read the file do.
 */
public final class ZipInspector {

    /** What the archive holds. */
    public enum Content { DOCX, XLSX, OTHER }

    private static final Set<String> PARTS = Set.of("[Content_Types].xml", "word/document.xml", "xl/workbook.xml");

    private ZipInspector() {
    }

    /**
     * @throws ApiException 400 archive_too_large past the limits, 400 unsupported_file_type when it is no readable ZIP
     */
    public static Content inspect(Path file, ArchiveLimits limits) throws IOException {
        Set<String> names = new HashSet<>();
        long inflated = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++entries > limits.maxEntries()) {
                    throw tooLarge("more than " + limits.maxEntries() + " entries");
                }
                if (PARTS.contains(entry.getName())) {
                    names.add(entry.getName());
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    int read;
                    while ((read = in.read(buffer)) > 0) {
                        inflated += read;
                        if (inflated > limits.maxInflatedBytes()) {
                            throw tooLarge("more than " + limits.maxInflatedBytes() + " bytes when unpacked");
                        }
                    }
                }
            }
        } catch (ZipException e) {
            throw ApiException.badRequest("unsupported_file_type", "The file is not a readable office document");
        }
        if (names.contains("[Content_Types].xml") && names.contains("word/document.xml")) {
            return Content.DOCX;
        }
        if (names.contains("[Content_Types].xml") && names.contains("xl/workbook.xml")) {
            return Content.XLSX;
        }
        return Content.OTHER;
    }

    private static ApiException tooLarge(String what) {
        return ApiException.badRequest("archive_too_large", "The office document unpacks to " + what);
    }
}
