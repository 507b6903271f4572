package io.llmops.app.boundary;

import io.llmops.app.boundary.StatisticsDtos.Statistics;
import io.llmops.app.control.StatisticsRange;
import io.llmops.platform.boundary.Roles;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.error.FieldError;
import io.llmops.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;
import java.util.UUID;

/** An app's usage statistics per UTC day. */
@ApplicationScoped
@Path("api/apps/{app_id}/statistics")
@SecurityRequirement(name = Roles.BEARER_SCHEME)
@Tag(name = "apps")
@Produces(MediaType.APPLICATION_JSON)
public class StatisticsResource {

    @Inject
    AppStatistics statistics;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Totals and a daily series (inclusive UTC dates, default the last 7 days, at most 366) of "
            + "messages, conversations, active end users, messages per conversation, token output rate, cost, latency")
    public Statistics get(@PathParam("app_id") UUID appId, @QueryParam("start") String start,
                          @QueryParam("end") String end) {
        StatisticsRange.Parsed parsed = StatisticsRange.parse(start, end, StatisticsRange.todayUtc());
        if (!parsed.valid()) {
            throw new ApiException(400, "validation_failed", "The request has invalid fields",
                    parsed.problems().stream().map(p -> new FieldError(p.field(), p.message())).toList(), Map.of());
        }
        return statistics.of(caller.workspaceId(), appId, parsed.range());
    }
}
