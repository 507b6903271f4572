package io.llmops.app.control;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The inclusive range of UTC days a statistics request asks for: by default the 7 days ending today (end defaults to today, start to
 * end minus 6 days), at most
 * {@value #MAX_DAYS} days. Problems come back as field errors, not exceptions.
 */
public record StatisticsRange(LocalDate start, LocalDate end) {

    public static final int MAX_DAYS = 366;
    public static final int DEFAULT_DAYS = 7;

    /** One invalid query parameter. */
    public record Problem(String field, String message) {
    }

    /** Either a range or the problems that prevent one. */
    public record Parsed(StatisticsRange range, List<Problem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public static Parsed parse(String startText, String endText, LocalDate today) {
        List<Problem> problems = new ArrayList<>();
        LocalDate start = date("start", startText, problems);
        LocalDate end = date("end", endText, problems);
        if (!problems.isEmpty()) {
            return new Parsed(null, problems);
        }
        if (end == null) {
            end = today;
        }
        if (start == null) {
            start = end.minusDays(DEFAULT_DAYS - 1);
        }
        if (start.isAfter(end)) {
            problems.add(new Problem("start", "must not be after end"));
        } else if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            problems.add(new Problem("end", "the range must span at most " + MAX_DAYS + " days"));
        }
        return new Parsed(problems.isEmpty() ? new StatisticsRange(start, end) : null, problems);
    }

    public static LocalDate todayUtc() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    public long days() {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }

    private static LocalDate date(String field, String text, List<Problem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(new Problem(field, "must be a date like 2025-01-31"));
            return null;
        }
    }
}
