package io.llmops.app.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationNamesTest {

    @Test
    void shortQueryIsTheNameAsItIs() {
        assertThat(ConversationNames.fromQuery("Plan a trip to Lisbon")).isEqualTo("Plan a trip to Lisbon");
    }

    @Test
    void whitespaceAndLineBreaksAreCollapsedAndTrimmed() {
        assertThat(ConversationNames.fromQuery("  Plan\n a   trip\t ")).isEqualTo("Plan a trip");
    }

    @Test
    void longQueryIsCutAtFortyCharactersWithAnEllipsis() {
        String name = ConversationNames.fromQuery("a".repeat(41));
        assertThat(name).isEqualTo("a".repeat(40) + "…");
        assertThat(ConversationNames.fromQuery("a".repeat(40))).isEqualTo("a".repeat(40));
    }

    @Test
    void cutDropsTrailingSpaceBeforeTheEllipsis() {
        String query = "x".repeat(39) + " and then some more words";
        assertThat(ConversationNames.fromQuery(query)).isEqualTo("x".repeat(39) + "…");
    }

    @Test
    void cutNeverSplitsAnEmoji() {
        String name = ConversationNames.fromQuery("😀".repeat(45));
        assertThat(name).isEqualTo("😀".repeat(40) + "…");
    }

    @Test
    void blankOrMissingQueryGivesNoName() {
        assertThat(ConversationNames.fromQuery("   ")).isEmpty();
        assertThat(ConversationNames.fromQuery(null)).isEmpty();
    }
}
