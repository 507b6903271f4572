package io.llmops.tool.control;

import io.llmops.platform.json.JsonbProvider;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an OpenAPI 3.0/3.1 or Swagger 2.0 document (JSON or YAML text) into tools: every operation
 * becomes one, named by its operationId; path, query and header parameters and the properties of a
 * JSON or form body become its typed parameters, {@code $ref}s resolved. swagger-parser does the
 * parsing, Swagger 2.0 conversion and resolution; {@link SpecDocument} bounds the text before it.
 */
public final class OpenApiImporter {

    /** Dots and colons are common in operationIds; the agent maps names to function-calling-safe ones per turn. */
    static final Pattern TOOL_NAME = Pattern.compile("^[A-Za-z0-9_.:-]{1,64}$");
    static final int MAX_OPERATIONS = 200;
    static final int MAX_DESCRIPTION = 1024;

    private OpenApiImporter() {
    }

    /**
     * @param text    the document
     * @param baseUrl where the document was fetched from (a relative server URL resolves against it), or null
     */
    public static OpenApiSpec read(String text, URI baseUrl) {
        Map<String, Object> tree = SpecDocument.read(text);
        boolean swagger2 = tree.containsKey("swagger");
        if (swagger2 ? !String.valueOf(tree.get("swagger")).startsWith("2.")
                : !(tree.get("openapi") instanceof String version && version.startsWith("3."))) {
            throw new InvalidOpenApiSchema("the schema is not an OpenAPI 3.x or Swagger 2.0 document "
                    + "(no \"openapi\": \"3.x\" or \"swagger\": \"2.0\" field)");
        }
        if (swagger2 ? !(tree.get("host") instanceof String host && !host.isBlank())
                : !(tree.get("servers") instanceof List<?> servers && !servers.isEmpty())) {
            throw new InvalidOpenApiSchema(swagger2 ? "the schema names no host: add \"host\" (and \"basePath\", \"schemes\")"
                    : "the schema names no server: add \"servers\": [{\"url\": \"https://...\"}]");
        }
        SwaggerParseResult result = new OpenAPIParser().readContents(json(tree), null, options());
        OpenAPI api = result.getOpenAPI();
        List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
        if (api == null) {
            throw new InvalidOpenApiSchema(messages.isEmpty() ? List.of("the schema could not be parsed") : messages);
        }
        String serverUrl = serverUrl(api.getServers(), baseUrl);
        List<ApiOperation> operations = operations(api);
        return new OpenApiSpec(serverUrl, operations, messages);
    }

    private static ParseOptions options() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        // defence in depth: SpecDocument already refuses every non-local $ref
        options.setSafelyResolveURL(true);
        return options;
    }

    private static String json(Map<String, Object> tree) {
        try {
            return JsonbProvider.shared().toJson(tree);
        } catch (jakarta.json.bind.JsonbException e) {
            throw new InvalidOpenApiSchema("the schema cannot be read: " + e.getMessage());
        }
    }

    static String serverUrl(List<Server> servers, URI baseUrl) {
        if (servers == null || servers.isEmpty() || servers.getFirst().getUrl() == null) {
            throw new InvalidOpenApiSchema("the schema names no server");
        }
        Server server = servers.getFirst();
        String url = server.getUrl().strip();
        if (server.getVariables() != null) {
            for (var variable : server.getVariables().entrySet()) {
                String value = variable.getValue().getDefault() == null ? "" : variable.getValue().getDefault();
                url = url.replace("{" + variable.getKey() + "}", value);
            }
        }
        try {
            URI uri = new URI(url);
            if (!uri.isAbsolute() && baseUrl != null) {
                uri = baseUrl.resolve(uri);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw new InvalidOpenApiSchema("the server URL must be an absolute http(s) URL: " + url);
            }
            String text = uri.toString();
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        } catch (URISyntaxException e) {
            throw new InvalidOpenApiSchema("the server URL is not a URL: " + url);
        }
    }

    private static List<ApiOperation> operations(OpenAPI api) {
        List<ApiOperation> operations = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                String where = method.name() + " " + path;
                String name = operation.getOperationId();
                if (name == null || name.isBlank()) {
                    problems.add(where + ": operationId is required (it names the tool)");
                } else if (!TOOL_NAME.matcher(name).matches()) {
                    problems.add(where + ": operationId \"" + name + "\" must be 1 to 64 letters, digits, _ . : or -");
                } else if (!names.add(name)) {
                    problems.add(where + ": operationId \"" + name + "\" is used by another operation");
                } else {
                    operations.add(operation(api, path, item, method.name(), operation));
                }
            }));
        }
        if (!problems.isEmpty()) {
            throw new InvalidOpenApiSchema(problems);
        }
        if (operations.isEmpty()) {
            throw new InvalidOpenApiSchema("the schema has no operations (paths is empty)");
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw new InvalidOpenApiSchema("the schema has more than " + MAX_OPERATIONS + " operations");
        }
        return operations;
    }

    private static ApiOperation operation(OpenAPI api, String path, PathItem item, String method, Operation operation) {
        Map<String, ApiParameter> parameters = new LinkedHashMap<>();
        // path-level parameters first; the operation's own override them by name and place
        Map<String, Parameter> declared = new LinkedHashMap<>();
        for (List<Parameter> list : java.util.Arrays.asList(item.getParameters(), operation.getParameters())) {
            if (list != null) {
                for (Parameter p : list) {
                    Parameter resolved = resolve(api, p);
                    if (resolved != null && resolved.getName() != null) {
                        declared.put(resolved.getIn() + ":" + resolved.getName(), resolved);
                    }
                }
            }
        }
        for (Parameter p : declared.values()) {
            String in = p.getIn() == null ? "" : p.getIn().toLowerCase(Locale.ROOT);
            if (in.equals("path") || in.equals("query") || in.equals("header")) {
                parameters.putIfAbsent(p.getName(), parameter(api, p.getName(), in, p.getSchema(),
                        in.equals("path") || Boolean.TRUE.equals(p.getRequired()), p.getDescription()));
            }
        }
        String bodyType = body(api, operation, parameters);
        return new ApiOperation(operation.getOperationId(), description(method, path, operation), method, path,
                bodyType, List.copyOf(parameters.values()));
    }

    /** Adds the request body's fields to {@code parameters}; answers how the body is sent, or null. */
    private static String body(OpenAPI api, Operation operation, Map<String, ApiParameter> parameters) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return null;
        }
        Content content = operation.getRequestBody().getContent();
        String bodyType = null;
        MediaType media = null;
        for (var entry : content.entrySet()) {
            String type = entry.getKey().toLowerCase(Locale.ROOT);
            // */* is what Swagger 2.0 conversion writes when an operation declares no "consumes": JSON is the sane reading
            if (type.contains("json") || type.equals("*/*")) {
                bodyType = "json";
                media = entry.getValue();
                break;
            }
            if (type.startsWith("application/x-www-form-urlencoded") && bodyType == null) {
                bodyType = "form";
                media = entry.getValue();
            }
        }
        if (media == null || media.getSchema() == null) {
            return null;
        }
        Schema<?> schema = deref(api, media.getSchema());
        boolean bodyRequired = Boolean.TRUE.equals(operation.getRequestBody().getRequired());
        Map<String, Schema<?>> properties = new LinkedHashMap<>();
        Set<String> required = new HashSet<>();
        collectProperties(api, schema, properties, required, 0);
        if (!properties.isEmpty()) {
            for (var property : properties.entrySet()) {
                parameters.putIfAbsent(property.getKey(), parameter(api, property.getKey(), bodyType.equals("json") ? "body" : "form",
                        property.getValue(), required.contains(property.getKey()), null));
            }
            return bodyType;
        }
        if (bodyType.equals("json")) {
            // not an object with properties (an array, a scalar, a free-form object): the whole body is one argument
            parameters.putIfAbsent(ApiCall.WHOLE_BODY, parameter(api, ApiCall.WHOLE_BODY, "body", schema, bodyRequired,
                    operation.getRequestBody().getDescription() == null ? "the request body" : operation.getRequestBody().getDescription()));
            return "json_value";
        }
        return null;
    }

    /**
     * The properties of an object schema, those of its {@code allOf} parts merged in (swagger-parser
     * merges allOf for 3.0 but leaves it, and cyclic {@code $ref}s, as they are in some 3.1 shapes).
     */
    private static void collectProperties(OpenAPI api, Schema<?> given, Map<String, Schema<?>> properties,
                                          Set<String> required, int depth) {
        Schema<?> schema = deref(api, given);
        if (schema == null || depth > 8) {
            return;
        }
        if (schema.getAllOf() != null) {
            for (Schema<?> part : schema.getAllOf()) {
                collectProperties(api, part, properties, required, depth + 1);
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach(properties::putIfAbsent);
        }
        if (schema.getRequired() != null) {
            required.addAll(schema.getRequired());
        }
    }

    /** A schema with a local {@code $ref} left unresolved (cycles, some 3.1 shapes) looked up in components; bounded. */
    static Schema<?> deref(OpenAPI api, Schema<?> schema) {
        for (int hops = 0; schema != null && schema.get$ref() != null && hops < 8; hops++) {
            String ref = schema.get$ref();
            if (!ref.startsWith("#/components/schemas/") || api.getComponents() == null
                    || api.getComponents().getSchemas() == null) {
                return schema;
            }
            schema = api.getComponents().getSchemas().get(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    private static Parameter resolve(OpenAPI api, Parameter p) {
        if (p.get$ref() == null) {
            return p;
        }
        String ref = p.get$ref();
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        return api.getComponents() == null || api.getComponents().getParameters() == null
                ? null : api.getComponents().getParameters().get(name);
    }

    static ApiParameter parameter(OpenAPI api, String name, String in, Schema<?> given, boolean required, String description) {
        Schema<?> schema = deref(api, given);
        String type = type(api, schema);
        String itemsType = type.equals("array") && schema != null && schema.getItems() != null ? type(api, schema.getItems()) : null;
        if (type.equals("array") && itemsType == null) {
            itemsType = "string";
        }
        String text = description != null && !description.isBlank() ? description
                : schema != null && schema.getDescription() != null ? schema.getDescription() : "";
        List<Object> enumValues = schema == null || schema.getEnum() == null ? List.of()
                : schema.getEnum().stream().filter(java.util.Objects::nonNull).map(v -> (Object) v).toList();
        Object defaultValue = schema == null ? null : schema.getDefault();
        return new ApiParameter(name, in, type, itemsType, required, truncate(text.strip()), enumValues,
                defaultValue instanceof String || defaultValue instanceof Number || defaultValue instanceof Boolean
                        ? defaultValue : defaultValue == null ? null : String.valueOf(defaultValue));
    }

    static String type(OpenAPI api, Schema<?> given) {
        Schema<?> schema = deref(api, given);
        if (schema == null) {
            return "string";
        }
        String type = schema.getType();
        if (type == null && schema.getTypes() != null) {
            type = schema.getTypes().stream().filter(t -> !"null".equals(t)).findFirst().orElse(null);
        }
        if (type == null) {
            type = schema.getProperties() != null || schema.getAllOf() != null ? "object"
                    : schema.getItems() != null ? "array" : "string";
        }
        return ApiParameter.TYPES.contains(type) ? type : "string";
    }

    private static String description(String method, String path, Operation operation) {
        List<String> parts = new ArrayList<>();
        if (operation.getSummary() != null && !operation.getSummary().isBlank()) {
            parts.add(operation.getSummary().strip());
        }
        if (operation.getDescription() != null && !operation.getDescription().isBlank()
                && !operation.getDescription().strip().equals(operation.getSummary() == null ? "" : operation.getSummary().strip())) {
            parts.add(operation.getDescription().strip());
        }
        return parts.isEmpty() ? method + " " + path : truncate(String.join("\n", parts));
    }

    private static String truncate(String text) {
        return text.length() > MAX_DESCRIPTION ? text.substring(0, MAX_DESCRIPTION - 1) + "…" : text;
    }
}
