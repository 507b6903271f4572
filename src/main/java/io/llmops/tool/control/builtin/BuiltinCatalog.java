package io.llmops.tool.control.builtin;

import io.llmops.platform.json.JsonbProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The built-in tool providers, their tools and categories (resource {@code tool/builtin-tools.json},
 * the one source of their metadata). Plain Java, loaded once.
 */
public final class BuiltinCatalog {

    public static final String RESOURCE = "tool/builtin-tools.json";

    public record Category(String name, String label) {
    }

    /** The file's shape. */
    public record Document(List<Category> categories, List<BuiltinProviderSpec> providers) {
    }

    private final Document document;

    public BuiltinCatalog(Document document) {
        this.document = new Document(List.copyOf(document.categories()), List.copyOf(document.providers()));
    }

    public static BuiltinCatalog fromClasspath() {
        try (InputStream in = BuiltinCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new BuiltinCatalog(JsonbProvider.shared().fromJson(in, Document.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Category> categories() {
        return document.categories();
    }

    public List<BuiltinProviderSpec> providers() {
        return document.providers();
    }

    public Optional<BuiltinProviderSpec> provider(String name) {
        return document.providers().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<BuiltinToolSpec> tool(String provider, String tool) {
        return provider(provider).flatMap(p -> p.tool(tool));
    }
}
