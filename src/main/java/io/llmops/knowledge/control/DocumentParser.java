package io.llmops.knowledge.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns an accepted upload (see {@link UploadTypes#DOCUMENTS}) into plain text for the splitter.
 * Plain Java, no server: the ingestion job calls it with the stored bytes and the upload's extension.
 * (Contract fixed for the ingestion job; the Tika-backed implementation replaces this body.)
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

    private final long maxCharacters;

    public DocumentParser() {
        this(DEFAULT_MAX_CHARACTERS);
    }

    public DocumentParser(long maxCharacters) {
        this.maxCharacters = maxCharacters;
    }

    /**
     * The document's text.
     *
     * @param extension the upload's validated extension, lower case (txt, md, csv, html, pdf, docx, xlsx)
     * @throws UnreadableDocumentException when the content cannot be parsed, is empty or too long
     */
    public String parse(InputStream content, String extension) throws UnreadableDocumentException {
        try {
            byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxCharacters * 4 + 1));
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.length() > maxCharacters) {
                throw new UnreadableDocumentException("the document has more than " + maxCharacters + " characters");
            }
            if (text.isBlank()) {
                throw new UnreadableDocumentException("the document has no text");
            }
            return text;
        } catch (IOException e) {
            throw new UnreadableDocumentException("the document cannot be read: " + e.getMessage(), e);
        }
    }
}
