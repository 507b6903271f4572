package io.llmops.platform.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** JSON in snake_case everywhere: JAX-RS bodies, problem documents and anything else we write. */
@Provider
public class JsonbProvider implements ContextResolver<Jsonb> {

    private static final Jsonb SHARED = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withNullValues(false));

    public static Jsonb shared() {
        return SHARED;
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return SHARED;
    }
}
