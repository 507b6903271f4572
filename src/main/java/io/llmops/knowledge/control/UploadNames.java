package io.llmops.knowledge.control;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Display names for uploaded files: the client's name without directories, control or format
 * characters (bidi overrides), characters Windows forbids, leading dots or Windows device names,
 * at most {@link #MAX_LENGTH} characters with the extension kept. Only ever shown and offered as a
 * download name; storage keys never come from it.
 */
public final class UploadNames {

    public static final int MAX_LENGTH = 200;
    static final String FALLBACK = "file";

    private static final Pattern FORBIDDEN = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}<>:\"|?*]");
    private static final Pattern DEVICE = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])");
    private static final Set<Character> TRIMMED = Set.of(' ', '.', '\t');

    private UploadNames() {
    }

    public static String sanitise(String raw) {
        String name = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = FORBIDDEN.matcher(name).replaceAll("");
        name = trim(name.replaceAll("\\s+", " "));
        String extension = extension(name);
        String base = extension.isEmpty() ? name : trim(name.substring(0, name.length() - extension.length() - 1));
        if (base.isEmpty()) {
            base = FALLBACK;
        }
        if (DEVICE.matcher(base.contains(".") ? base.substring(0, base.indexOf('.')) : base).matches()) {
            base = "_" + base;
        }
        String suffix = extension.isEmpty() ? "" : "." + extension;
        int room = MAX_LENGTH - suffix.codePointCount(0, suffix.length());
        if (room < 1) {
            return FALLBACK;
        }
        if (base.codePointCount(0, base.length()) > room) {
            base = trim(base.substring(0, base.offsetByCodePoints(0, room)));
        }
        return base + suffix;
    }

    /**
     * A multipart file name as the server's parser hands it over: browsers send UTF-8 bytes, which
     * a parser reading headers as ISO-8859-1 turns into one character per byte. Such a name is
     * decoded again as UTF-8 when it is valid UTF-8; anything else is left alone.
     */
    public static String fromHeader(String name) {
        if (name == null || name.chars().allMatch(c -> c < 0x80) || name.chars().anyMatch(c -> c > 0xFF)) {
            return name;
        }
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return name;
        }
    }

    /** The text after the last dot, lower-cased; empty when there is none (or nothing before it). */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return "";
        }
        return name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && TRIMMED.contains(text.charAt(start))) {
            start++;
        }
        while (end > start && TRIMMED.contains(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }
}
