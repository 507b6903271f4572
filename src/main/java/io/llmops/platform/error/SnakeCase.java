package io.llmops.platform.error;

/** camelCase to snake_case, the same rule JSON-B's LOWER_CASE_WITH_UNDERSCORES applies. */
public final class SnakeCase {

    private SnakeCase() {
    }

    public static String of(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && name.charAt(i - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
