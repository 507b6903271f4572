package io.llmops.app.control;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class StatisticsRangeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @Test
    void defaultIsTheSevenDaysEndingToday() {
        StatisticsRange range = StatisticsRange.parse(null, null, TODAY).range();
        assertThat(range).isEqualTo(new StatisticsRange(LocalDate.of(2026, 3, 4), TODAY));
        assertThat(range.days()).isEqualTo(7);
    }

    @Test
    void onlyEndGivenMeansTheSevenDaysEndingThen() {
        assertThat(StatisticsRange.parse("", "2026-01-07", TODAY).range())
                .isEqualTo(new StatisticsRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 7)));
    }

    @Test
    void onlyStartGivenRunsUntilToday() {
        assertThat(StatisticsRange.parse("2026-03-01", null, TODAY).range())
                .isEqualTo(new StatisticsRange(LocalDate.of(2026, 3, 1), TODAY));
    }

    @Test
    void singleDayIsAllowed() {
        assertThat(StatisticsRange.parse("2026-03-01", "2026-03-01", TODAY).range().days()).isEqualTo(1);
    }

    @Test
    void rangeOf366DaysIsAllowedAnd367IsNot() {
        assertThat(StatisticsRange.parse("2024-01-01", "2024-12-31", TODAY).valid()).isTrue();
        StatisticsRange.Parsed tooLong = StatisticsRange.parse("2024-01-01", "2025-01-01", TODAY);
        assertThat(tooLong.valid()).isFalse();
        assertThat(tooLong.problems()).extracting(StatisticsRange.Problem::field).containsExactly("end");
    }

    @Test
    void startAfterEndIsRefused() {
        StatisticsRange.Parsed parsed = StatisticsRange.parse("2026-03-02", "2026-03-01", TODAY);
        assertThat(parsed.range()).isNull();
        assertThat(parsed.problems()).extracting(StatisticsRange.Problem::field).containsExactly("start");
    }

    @Test
    void badDatesAreEachNamed() {
        StatisticsRange.Parsed parsed = StatisticsRange.parse("yesterday", "2026-02-30", TODAY);
        assertThat(parsed.problems()).extracting(StatisticsRange.Problem::field).containsExactly("start", "end");
    }
}
