package io.llmops.knowledge.control;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The documents' pre-process rules ({@code remove_extra_space}, {@code remove_url_and_email}), applied
 * before splitting. Pure functions of the text, so re-ingesting a document yields the same segments.
 */
public final class TextCleaner {

    public static final String REMOVE_EXTRA_SPACE = "remove_extra_space";
    public static final String REMOVE_URL_AND_EMAIL = "remove_url_and_email";
    public static final Set<String> RULES = Set.of(REMOVE_EXTRA_SPACE, REMOVE_URL_AND_EMAIL);

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern URL = Pattern.compile("(?:https?|ftp)://[^\\s<>\"'）)\\]，。]+|www\\.[^\\s<>\"'）)\\]，。]+");
    /** Spaces, tabs and other horizontal white space (including the ideographic space U+3000). */
    private static final Pattern SPACES = Pattern.compile("[\\h&&[^\\n]]{2,}");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n[\\h]*\\n(?:[\\h]*\\n)+");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\uFFFE\\uFFFF]");

    private final boolean extraSpace;
    private final boolean urlAndEmail;

    public TextCleaner(Set<String> enabledRules) {
        this.extraSpace = enabledRules.contains(REMOVE_EXTRA_SPACE);
        this.urlAndEmail = enabledRules.contains(REMOVE_URL_AND_EMAIL);
    }

    /**
     * Always normalises line endings and drops control characters (they break tokenizers and JSON);
     * the rules then collapse runs of spaces and blank lines, or drop URLs and e-mail addresses.
     */
    public String clean(String text) {
        String out = CONTROL.matcher(text.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("");
        if (urlAndEmail) {
            // e-mails first: "user@example.com" must not leave "user@" behind a removed "example.com"
            out = EMAIL.matcher(out).replaceAll("");
            out = URL.matcher(out).replaceAll("");
        }
        if (extraSpace) {
            out = SPACES.matcher(out).replaceAll(" ");
            out = BLANK_LINES.matcher(out).replaceAll("\n\n");
        }
        return out;
    }
}
