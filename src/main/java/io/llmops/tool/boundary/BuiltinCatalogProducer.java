package io.llmops.tool.boundary;

import io.llmops.tool.control.builtin.BuiltinCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The built-in tool catalogue, read once from the class path. */
@ApplicationScoped
public class BuiltinCatalogProducer {

    @Produces
    @Singleton
    BuiltinCatalog catalog() {
        return BuiltinCatalog.fromClasspath();
    }
}
