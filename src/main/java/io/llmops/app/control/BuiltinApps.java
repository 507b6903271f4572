package io.llmops.app.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in app templates a builder can install into a workspace, shipped as resource files:
 * {@code builtin-apps/index.json} lists the template ids in display order, and each template is
 * {@code builtin-apps/<id>.json} ({@code id, name, description, icon, category, config}, the config in
 * the app config's JSON shape). Plain Java, loaded once.
 */
public final class BuiltinApps {

    public static final String FOLDER = "builtin-apps/";
    public static final String INDEX = FOLDER + "index.json";

    /**
     * One template.
     *
     * @param rawConfig the config exactly as written in the file (validated as is, so an unknown key is caught)
     */
    public record Template(String id, String name, String description, String icon, String category,
                           AppConfig config, JsonObject rawConfig) {
    }

    /** A category and how many templates it holds. */
    public record Category(String category, int count) {
    }

    private final List<Template> templates;

    public BuiltinApps(List<Template> templates) {
        this.templates = List.copyOf(templates);
    }

    public static BuiltinApps fromClasspath() {
        List<Template> templates = new ArrayList<>();
        for (var id : read(INDEX).getJsonArray("templates").getValuesAs(JsonString.class)) {
            JsonObject file = read(FOLDER + id.getString() + ".json");
            if (!id.getString().equals(file.getString("id"))) {
                throw new IllegalStateException(FOLDER + id.getString() + ".json declares id " + file.getString("id"));
            }
            JsonObject config = file.getJsonObject("config");
            templates.add(new Template(file.getString("id"), file.getString("name"), file.getString("description"),
                    file.getString("icon"), file.getString("category"), AppConfig.fromJson(config.toString()), config));
        }
        return new BuiltinApps(templates);
    }

    /** Every template in display order; {@code category} null or blank means all. */
    public List<Template> list(String category) {
        if (category == null || category.isBlank()) {
            return templates;
        }
        return templates.stream().filter(t -> t.category().equals(category.strip())).toList();
    }

    public Optional<Template> find(String id) {
        return templates.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The distinct categories in the order they first appear, with their template counts. */
    public List<Category> categories() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        templates.forEach(t -> counts.merge(t.category(), 1, Integer::sum));
        return counts.entrySet().stream().map(e -> new Category(e.getKey(), e.getValue())).toList();
    }

    private static JsonObject read(String resource) {
        try (InputStream in = BuiltinApps.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            try (JsonReader reader = Json.createReader(in)) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
