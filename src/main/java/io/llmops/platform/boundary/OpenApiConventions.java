package io.llmops.platform.boundary;

import io.llmops.platform.error.SnakeCase;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes the generated document say what the wire carries: JSON-B writes snake_case, so every
 * schema property (and required entry) is renamed the same way; operation ids are made unique
 * from method and path (generators and SDKs need them unique); tags are listed once.
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

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> nameOperations(path, item));
        }
        if (openAPI.getTags() != null) {
            Map<String, Tag> unique = new LinkedHashMap<>();
            openAPI.getTags().forEach(tag -> unique.putIfAbsent(tag.getName(), tag));
            openAPI.setTags(List.copyOf(unique.values()));
        }
    }

    private static void nameOperations(String path, PathItem item) {
        Map<PathItem.HttpMethod, Operation> operations = item.getOperations();
        if (operations == null) {
            return;
        }
        operations.forEach((method, operation) -> operation.setOperationId(operationId(method.name(), path)));
    }

    /** {@code GET /api/workspaces/{workspace_id}/members} → {@code get_api_workspaces_workspace_id_members}. */
    static String operationId(String method, String path) {
        String words = path.replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
        return method.toLowerCase(Locale.ROOT) + (words.isEmpty() ? "" : "_" + words);
    }
}
