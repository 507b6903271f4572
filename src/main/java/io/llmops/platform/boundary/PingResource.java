package io.llmops.platform.boundary;

import io.llmops.platform.security.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("ping")
@Public
@Tag(name = "ops")
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {

    public record Pong(boolean pong) {
    }

    @GET
    @Operation(summary = "Liveness of the API itself, without touching PostgreSQL or Redis")
    public Pong ping() {
        return new Pong(true);
    }
}
