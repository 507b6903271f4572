package io.llmops.ops.boundary;

import io.llmops.ops.control.CleanupJob;
import io.llmops.ops.control.CleanupOutcome;
import io.llmops.ops.control.CleanupSettings;
import io.llmops.ops.control.CleanupStatus;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the clean-ups did on this instance, for operators: the {@code cleanup} check in {@code /health}
 * (and {@code /health/live}) carries each job's last run, outcome, message and counts — always UP, as a
 * failed clean-up is no reason to restart or unroute the server — and {@code /metrics} has
 * {@code llmops_cleanup_last_run_seconds}, {@code llmops_cleanup_last_run_ok},
 * {@code llmops_cleanup_last_run_duration_seconds} (gauges, tag {@code job}) and
 * {@code llmops_cleanup_deleted_total} (counter, tags {@code job}, {@code kind}), plus
 * {@code llmops_cleanup_runs_total} (tags {@code job}, {@code outcome}).
 */
@ApplicationScoped
public class CleanupMonitor {

    private static final Logger LOG = Logger.getLogger(CleanupMonitor.class.getName());

    private final CleanupStatus status = new CleanupStatus();

    @Inject
    CleanupSettings settings;

    @Inject
    Instance<MetricRegistry> metrics;

    private MetricRegistry registry;

    @PostConstruct
    void registerGauges() {
        try {
            registry = metrics.get();
            for (CleanupJob job : CleanupJob.values()) {
                Tag tag = new Tag("job", job.id());
                registry.gauge("llmops_cleanup_last_run_seconds", () -> worked(job)
                        .map(o -> o.finishedAt().toEpochMilli() / 1000.0).orElse(0.0), tag);
                registry.gauge("llmops_cleanup_last_run_ok", () -> worked(job)
                        .map(o -> o.status() == CleanupOutcome.Status.OK ? 1 : 0).orElse(0), tag);
                registry.gauge("llmops_cleanup_last_run_duration_seconds", () -> worked(job)
                        .map(o -> o.duration().toNanos() / 1e9).orElse(0.0), tag);
            }
        } catch (RuntimeException e) {
            registry = null;
            LOG.log(Level.WARNING, "No metric registry: clean-up metrics are not published (the health check still is)", e);
        }
    }

    /** Created with the application, so /metrics lists the gauges before the first run. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // the observer's call creates the bean; @PostConstruct registers the gauges
    }

    private Optional<CleanupOutcome> worked(CleanupJob job) {
        return status.lastWorked(job);
    }

    void record(CleanupOutcome outcome) {
        status.record(outcome);
        Level level = switch (outcome.status()) {
            case ERROR -> Level.WARNING;
            case OK -> outcome.counts().isEmpty() ? Level.FINE : Level.INFO;
            case SKIPPED -> Level.FINE;
        };
        LOG.log(level, () -> "Clean-up " + outcome.job().id() + ": " + outcome.status().id() + " in "
                + outcome.duration().toMillis() + " ms, removed " + outcome.counts()
                + (outcome.message().isEmpty() ? "" : " (" + outcome.message() + ")"));
        if (registry != null) {
            Tag job = new Tag("job", outcome.job().id());
            registry.counter("llmops_cleanup_runs", job, new Tag("outcome", outcome.status().id())).inc();
            outcome.counts().forEach((kind, n) -> registry.counter("llmops_cleanup_deleted", job, new Tag("kind", kind)).inc(n));
        }
    }

    public CleanupStatus status() {
        return status;
    }

    @Produces
    @Liveness
    HealthCheck cleanup() {
        return () -> {
            HealthCheckResponseBuilder check = HealthCheckResponse.named("cleanup").up().withData("enabled", settings.enabled());
            for (CleanupJob job : CleanupJob.values()) {
                String prefix = job.id() + ".";
                if (job == CleanupJob.DEBUG_CONVERSATIONS && settings.debugRetention().isEmpty()) {
                    check.withData(prefix + "outcome", "disabled (kept forever)");
                    continue;
                }
                Optional<CleanupOutcome> last = status.last(job);
                if (last.isEmpty()) {
                    check.withData(prefix + "outcome", settings.enabled() ? "not run yet" : "disabled");
                    continue;
                }
                CleanupOutcome run = last.get();
                check.withData(prefix + "last_run", run.finishedAt().toString())
                        .withData(prefix + "outcome", run.status().id());
                if (!run.message().isEmpty()) {
                    check.withData(prefix + "message", run.message());
                }
                status.lastWorked(job).ifPresent(worked -> {
                    check.withData(prefix + "last_worked_run", worked.finishedAt().toString())
                            .withData(prefix + "last_worked_outcome", worked.status().id());
                    for (Map.Entry<String, Long> count : worked.counts().entrySet()) {
                        check.withData(prefix + count.getKey(), count.getValue());
                    }
                });
            }
            return check.build();
        };
    }
}
