package io.llmops.app.boundary;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What {@code GET /api/apps/{id}/statistics} answers. */
public final class StatisticsDtos {

    private StatisticsDtos() {
    }

    public record Statistics(LocalDate start, LocalDate end, Figures totals, List<Day> daily) {
    }

    /**
     * The figures of a range or of one day. {@code tokenOutputRate} is completion tokens per second of
     * latency over successful messages with a latency; costs are in {@code currency}.
     */
    public record Figures(long messages, long conversations, long activeEndUsers,
                          BigDecimal averageMessagesPerConversation, BigDecimal tokenOutputRate,
                          BigDecimal totalCost, String currency, BigDecimal averageLatencyMs) {
    }

    public record Day(LocalDate date, long messages, long conversations, long activeEndUsers,
                      BigDecimal averageMessagesPerConversation, BigDecimal tokenOutputRate,
                      BigDecimal totalCost, String currency, BigDecimal averageLatencyMs) {
        static Day of(LocalDate date, Figures f) {
            return new Day(date, f.messages(), f.conversations(), f.activeEndUsers(),
                    f.averageMessagesPerConversation(), f.tokenOutputRate(), f.totalCost(), f.currency(),
                    f.averageLatencyMs());
        }
    }
}
