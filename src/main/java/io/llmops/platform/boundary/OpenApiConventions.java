package io.llmops.platform.boundary;

import io.llmops.platform.error.SnakeCase;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the generated document say what the wire carries: JSON-B writes snake_case, so every
 * schema property (and required entry) is renamed the same way.
 */
public class OpenApiConventions implements OASFilter {

    @Override
    public Schema filterSchema(Schema schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null && !properties.isEmpty()) {
            Map<String, Schema> renamed = new LinkedHashMap<>();
            properties.forEach((name, property) -> renamed.put(SnakeCase.of(name), property));
            schema.setProperties(renamed);
        }
        List<String> required = schema.getRequired();
        if (required != null && !required.isEmpty()) {
            schema.setRequired(required.stream().map(SnakeCase::of).toList());
        }
        return schema;
    }
}
