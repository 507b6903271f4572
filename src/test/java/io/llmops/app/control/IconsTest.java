package io.llmops.app.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IconsTest {

    @ParameterizedTest
    @ValueSource(strings = {"🤖", "✈️", "👩‍💻", "👍🏽", "🇫🇷", "1️⃣", "https://cdn.example.com/icon.png", "http://x.io/a?b=c"})
    void emojiAndHttpUrlsAreIcons(String icon) {
        assertThat(Icons.isValid(icon)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "robot", "123", "#", "🤖 robot", "javascript:alert(1)", "ftp://x.io/a.png",
            "https://x.io/a b.png", "https://x.io/\"onerror=\"x"})
    void anythingElseIsNot(String icon) {
        assertThat(Icons.isValid(icon)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void urlsAreBounded() {
        assertThat(Icons.isValid("https://x.io/" + "a".repeat(242))).isTrue();
        assertThat(Icons.isValid("https://x.io/" + "a".repeat(243))).isFalse();
        assertThat(Icons.isValid(null)).isFalse();
    }
}
