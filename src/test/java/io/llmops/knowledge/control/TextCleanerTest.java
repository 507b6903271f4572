package io.llmops.knowledge.control;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TextCleanerTest {

    @Test
    void extraSpaceCollapsesRunsOfSpacesAndBlankLines() {
        TextCleaner cleaner = new TextCleaner(Set.of(TextCleaner.REMOVE_EXTRA_SPACE));
        assertThat(cleaner.clean("a  \t b\r\n\r\n\n\n  \nc　　d")).isEqualTo("a b\n\nc d");
    }

    @Test
    void urlsAndEmailsGo() {
        TextCleaner cleaner = new TextCleaner(Set.of(TextCleaner.REMOVE_URL_AND_EMAIL));
        assertThat(cleaner.clean("see https://example.com/a?b=1 or mail ops@example.co.uk, 访问www.example.cn。"))
                .isEqualTo("see  or mail , 访问。");
    }

    @Test
    void withoutRulesOnlyLineEndingsAndControlCharactersChange() {
        TextCleaner cleaner = new TextCleaner(Set.of());
        assertThat(cleaner.clean("a  b\r\nhttps://x.y\u0000\u0007")).isEqualTo("a  b\nhttps://x.y");
    }
}
