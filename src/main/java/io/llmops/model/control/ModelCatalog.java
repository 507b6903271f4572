package io.llmops.model.control;

import io.llmops.platform.json.JsonbProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The providers and models the platform knows (resource {@code model/providers.json}): features,
 * context sizes, parameter rules and prices. Plain Java, loaded once; apps validate their model
 * config against it and the model factory bounds parameters by it.
 */
public final class ModelCatalog {

    public static final String RESOURCE = "model/providers.json";

    /** The file's shape. */
    public record Document(List<ProviderSpec> providers) {
    }

    private final List<ProviderSpec> providers;

    public ModelCatalog(List<ProviderSpec> providers) {
        this.providers = List.copyOf(providers);
    }

    public static ModelCatalog fromClasspath() {
        try (InputStream in = ModelCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new ModelCatalog(JsonbProvider.shared().fromJson(in, Document.class).providers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<ProviderSpec> providers() {
        return providers;
    }

    public Optional<ProviderSpec> provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** A listed model, or for providers that accept any model name (custom endpoints) their template under that name. */
    public Optional<ModelSpec> model(String provider, String model) {
        return provider(provider).flatMap(p -> p.model(model));
    }
}
