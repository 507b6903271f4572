package io.llmops.platform.boundary;

import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The one JAX-RS application. Console API under /api, service API under /v1, /ping at the root.
 * Bearer tokens are checked by our own filter (platform.security.SecureByDefault), not by the
 * container's MP-JWT mechanism: verified tokens are remembered, which the container's JASPIC path
 * cannot do (bench/README.md, "Chat turn overhead").
 * Defines the virtual-thread executor background work runs on.
 */
@ManagedExecutorDefinition(name = "java:app/concurrent/llmops-virtual", virtual = true)
@ApplicationPath("/")
@ApplicationScoped
@OpenAPIDefinition(info = @Info(title = "LLMOps API", version = "0.1.0",
        description = "Console API (/api, bearer JWT) and service API (/v1, bearer app key) of LLMOps."))
@SecurityScheme(securitySchemeName = Roles.BEARER_SCHEME, type = SecuritySchemeType.HTTP,
        scheme = "bearer", bearerFormat = "JWT")
public class LlmopsApplication extends Application {

    /**
     * Jersey holds back up to 8 KiB of every response to compute Content-Length, which made SSE
     * clients receive the first ~28 chat events at once (bench/README.md); with 0 every flush goes out.
     * Jersey's own Bean Validation is off: every resource is a CDI bean, and Hibernate Validator's CDI
     * interceptor already validates each call's parameters (the same violations, so the same 400s);
     * with both, every request body was validated twice.
     */
    private static final Map<String, Object> PROPERTIES = Map.of("jersey.config.server.contentLength.buffer", 0,
            "jersey.config.beanValidation.disable.server", true);

    @Override
    public Map<String, Object> getProperties() {
        return PROPERTIES;
    }
}
