package io.llmops.ops.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import redis.clients.jedis.UnifiedJedis;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** /health/ready checks PostgreSQL (through the server pool) and Redis; /health/live the application itself. */
@ApplicationScoped
public class ReadinessChecks {

    @Resource(lookup = "jdbc/llmops")
    DataSource dataSource;

    @Inject
    UnifiedJedis redis;

    @Produces
    @Readiness
    HealthCheck postgres() {
        return () -> {
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(2);
                try (ResultSet rs = statement.executeQuery("select 1")) {
                    rs.next();
                }
                return HealthCheckResponse.up("postgresql");
            } catch (Exception e) {
                return HealthCheckResponse.named("postgresql").down().withData("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck redisCheck() {
        return () -> {
            try {
                return "PONG".equals(redis.ping())
                        ? HealthCheckResponse.up("redis")
                        : HealthCheckResponse.down("redis");
            } catch (Exception e) {
                return HealthCheckResponse.named("redis").down().withData("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    @Produces
    @Liveness
    HealthCheck application() {
        return () -> HealthCheckResponse.up("llmops");
    }
}
