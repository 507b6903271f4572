package io.llmops.app.boundary;

import io.llmops.app.boundary.StatisticsDtos.Day;
import io.llmops.app.boundary.StatisticsDtos.Figures;
import io.llmops.app.boundary.StatisticsDtos.Statistics;
import io.llmops.app.control.StatisticsRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An app's usage per UTC day, aggregated by PostgreSQL: one pass over the app's messages in the
 * range (index message_app_time), days without messages filled with zeros by generate_series, and
 * the totals of the whole range from the same query (grouping sets), since distinct counts do not add
 * up day by day. Deleted messages are left out; failed ones count as messages but not for the token
 * rate.
 */
@ApplicationScoped
@Transactional
public class AppStatistics {

    static final String DEFAULT_CURRENCY = "USD";

    // the empty grouping set is the totals row (day null, sorted first)
    private static final String FIGURES = """
            select to_char(d.day, 'YYYY-MM-DD'),
                   count(m.id),
                   count(distinct m.conversation_id),
                   count(distinct m.user_key),
                   coalesce(round(cast(count(m.id) as numeric) / nullif(count(distinct m.conversation_id), 0), 2), 0),
                   coalesce(round(sum(m.completion_tokens) filter (where m.rated) * 1000.0
                                  / nullif(sum(m.latency_ms) filter (where m.rated), 0), 2), 0),
                   coalesce(sum(m.total_price), 0),
                   coalesce(round(avg(m.latency_ms), 2), 0)
            from generate_series(cast(:first as timestamp), cast(:last as timestamp), interval '1 day') as d(day)
            left join (
                select msg.id, msg.conversation_id, msg.completion_tokens, msg.latency_ms, msg.total_price,
                       date_trunc('day', msg.created_at at time zone 'UTC') as day,
                       coalesce('end_user:' || c.end_user_id, 'account:' || cast(c.account_id as text)) as user_key,
                       (msg.latency_ms > 0 and msg.status <> 'error') as rated
                from message msg
                join conversation c on c.id = msg.conversation_id
                where msg.workspace_id = :ws and msg.app_id = :app and msg.deleted_at is null
                  and msg.created_at >= :from and msg.created_at < :until
            ) m on m.day = d.day
            group by grouping sets ((d.day), ())
            order by d.day nulls first
            """;

    private static final String CURRENCY = """
            select msg.currency from message msg
            where msg.workspace_id = :ws and msg.app_id = :app and msg.deleted_at is null
              and msg.created_at >= :from and msg.created_at < :until and msg.currency is not null
            group by msg.currency order by count(*) desc, msg.currency limit 1
            """;

    @PersistenceContext(unitName = "llmops")
    EntityManager em;

    public Statistics of(UUID workspaceId, UUID appId, StatisticsRange range) {
        AppLookup.require(em, workspaceId, appId);
        OffsetDateTime from = range.start().atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime until = range.end().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        List<?> currencies = em.createNativeQuery(CURRENCY)
                .setParameter("ws", workspaceId).setParameter("app", appId)
                .setParameter("from", from).setParameter("until", until)
                .getResultList();
        String currency = currencies.isEmpty() ? DEFAULT_CURRENCY : currencies.getFirst().toString();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(FIGURES)
                .setParameter("first", range.start().atStartOfDay())
                .setParameter("last", range.end().atStartOfDay())
                .setParameter("ws", workspaceId).setParameter("app", appId)
                .setParameter("from", from).setParameter("until", until)
                .getResultList();
        Figures totals = null;
        List<Day> daily = new ArrayList<>();
        for (Object[] row : rows) {
            Figures figures = figures(row, currency);
            if (row[0] == null) {
                totals = figures;
            } else {
                daily.add(Day.of(LocalDate.parse((String) row[0]), figures));
            }
        }
        return new Statistics(range.start(), range.end(), totals, daily);
    }

    private static Figures figures(Object[] row, String currency) {
        return new Figures(((Number) row[1]).longValue(), ((Number) row[2]).longValue(), ((Number) row[3]).longValue(),
                decimal(row[4], 2), decimal(row[5], 2), decimal(row[6], 8), currency, decimal(row[7], 2));
    }

    /** Rounded, without trailing zeros and never in exponent form for whole numbers ("1E+2", "0E-8"). */
    static BigDecimal decimal(Object value, int scale) {
        BigDecimal number = value instanceof BigDecimal big ? big : new BigDecimal(value.toString());
        BigDecimal rounded = number.setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
