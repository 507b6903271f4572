package io.llmops.model.boundary;

import io.llmops.model.control.ModelCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The catalogue, read once from the class path. */
@ApplicationScoped
public class ModelCatalogProducer {

    @Produces
    @Singleton
    ModelCatalog catalog() {
        return ModelCatalog.fromClasspath();
    }
}
