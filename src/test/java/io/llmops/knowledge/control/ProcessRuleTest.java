package io.llmops.knowledge.control;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule a document is ingested with: bounds, and the same segments for the same text every time. */
class ProcessRuleTest {

    private static final String TEXT = ("The  harbour   opens at six.  Ships wait at https://port.example.com/queue for berths. "
            + "大熊猫主要生活在四川的竹林里，以竹子为食。\n\n").repeat(40);

    @Test
    void automaticIsTheSeedsRule() {
        assertThat(ProcessRule.AUTOMATIC.chunkSize()).isEqualTo(200);
        assertThat(ProcessRule.AUTOMATIC.chunkOverlap()).isEqualTo(20);
        assertThat(ProcessRule.AUTOMATIC.enabledRules()).containsExactly(TextCleaner.REMOVE_EXTRA_SPACE);
    }

    @Test
    void segmentsAreDeterministicSoARelaunchCutsTheSamePositions() {
        ProcessRule rule = new ProcessRule(Set.of(TextCleaner.REMOVE_EXTRA_SPACE), List.of(), 60, 10);
        List<RecursiveTextSplitter.Chunk> first = rule.segments(TEXT);
        assertThat(first.size()).isGreaterThan(10);
        assertThat(new ProcessRule(Set.of(TextCleaner.REMOVE_EXTRA_SPACE), List.of(), 60, 10).segments(TEXT)).isEqualTo(first);
        assertThat(first).allSatisfy(c -> assertThat(c.tokens()).isLessThanOrEqualTo(60));
        assertThat(first).allSatisfy(c -> assertThat(c.content()).doesNotContain("  "));
    }

    @Test
    void rulesAreApplied() {
        ProcessRule strip = new ProcessRule(Set.of(TextCleaner.REMOVE_URL_AND_EMAIL), List.of(), 100, 0);
        assertThat(strip.segments(TEXT)).noneSatisfy(c -> assertThat(c.content()).contains("https://"));
        ProcessRule keep = new ProcessRule(Set.of(), List.of(), 100, 0);
        assertThat(keep.segments(TEXT)).anySatisfy(c -> assertThat(c.content()).contains("https://port.example.com/queue"));
    }

    @Test
    void boundsAreEnforced() {
        assertThatThrownBy(() -> new ProcessRule(Set.of(), List.of(), 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProcessRule(Set.of(), List.of(), 2001, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProcessRule(Set.of(), List.of(), 100, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProcessRule(Set.of("rm -rf"), List.of(), 100, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
