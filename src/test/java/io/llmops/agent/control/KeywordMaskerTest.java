package io.llmops.agent.control;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordMaskerTest {

    @Test
    void masksCaseInsensitivelyWithOneStarPerCharacter() {
        assertThat(KeywordMasker.maskAll("Bad words and BAD ones", List.of("bad"))).isEqualTo("*** words and *** ones");
    }

    @Test
    void longerKeywordWinsOverItsPrefix() {
        assertThat(KeywordMasker.maskAll("a badword here", List.of("bad", "badword"))).isEqualTo("a ******* here");
    }

    @Test
    void keywordSplitOverManyChunksNeverLeaks() {
        KeywordMasker masker = new KeywordMasker(List.of("password"));
        StringBuilder emitted = new StringBuilder();
        for (char c : "my pass word is password!".toCharArray()) {
            String out = masker.push(String.valueOf(c));
            assertThat(emitted.append(out).toString()).doesNotContain("password");
        }
        emitted.append(masker.flush());

        assertThat(emitted).hasToString("my pass word is ********!");
    }

    @Test
    void withoutKeywordsTextPassesUnchangedAndUnheld() {
        KeywordMasker masker = new KeywordMasker(List.of(" ", ""));

        assertThat(masker.isActive()).isFalse();
        assertThat(masker.push("abc")).isEqualTo("abc");
    }

    @Test
    void inputMatchIsCaseInsensitive() {
        assertThat(new KeywordMasker(List.of("Secret")).matches("a SECRET plan")).isTrue();
        assertThat(new KeywordMasker(List.of("Secret")).matches("a plan")).isFalse();
    }
}
