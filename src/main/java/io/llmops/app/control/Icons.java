package io.llmops.app.control;

import java.util.regex.Pattern;

/** An app icon is an emoji (a single one or a short sequence: flags, skin tones, ZWJ families) or an http(s) URL. */
public final class Icons {

    public static final int MAX_LENGTH = 255;
    public static final String DEFAULT = "🤖";
    private static final int MAX_EMOJI_LENGTH = 32;
    private static final Pattern URL = Pattern.compile("^https?://[^\\s\"'<>]+$");

    private Icons() {
    }

    public static boolean isValid(String icon) {
        return icon != null && icon.length() <= MAX_LENGTH && (URL.matcher(icon).matches() || isEmoji(icon));
    }

    static boolean isEmoji(String text) {
        if (text.isEmpty() || text.length() > MAX_EMOJI_LENGTH) {
            return false;
        }
        boolean pictured = false;
        for (int cp : text.codePoints().toArray()) {
            boolean part = Character.isEmoji(cp) || Character.isEmojiComponent(cp) || Character.isEmojiModifier(cp)
                    || cp == 0x200D || cp == 0xFE0F || (cp >= 0xE0020 && cp <= 0xE007F);
            if (!part) {
                return false;
            }
            // digits, '#' and '*' are emoji only as keycaps; a real emoji has a picture or a keycap mark
            pictured |= Character.isExtendedPictographic(cp) || Character.isEmojiPresentation(cp)
                    || (cp >= 0x1F1E6 && cp <= 0x1F1FF) || cp == 0x20E3;
        }
        return pictured;
    }
}
