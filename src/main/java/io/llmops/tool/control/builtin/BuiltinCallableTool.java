package io.llmops.tool.control.builtin;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.llmops.tool.control.CallableTool;
import io.llmops.tool.control.ToolException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A built-in tool bound to one use: its catalogue metadata (the model sees it as a typed
 * specification), the credentials it runs with and the fixed parameter values of the app config
 * entry, which the model does not see and cannot override. Credentials are looked up when the tool
 * is called, not when it is resolved: a turn (or a config check) that never calls it pays nothing.
 */
public final class BuiltinCallableTool implements CallableTool {

    private static final Logger LOG = Logger.getLogger(BuiltinCallableTool.class.getName());

    private final BuiltinProviderSpec provider;
    private final BuiltinToolSpec spec;
    private final BuiltinTool tool;
    private final Supplier<Map<String, String>> credentials;
    private final Map<String, Object> fixed;

    public BuiltinCallableTool(BuiltinProviderSpec provider, BuiltinToolSpec spec, BuiltinTool tool,
                               Map<String, String> credentials, Map<String, Object> fixed) {
        this(provider, spec, tool, constant(credentials), fixed);
    }

    public BuiltinCallableTool(BuiltinProviderSpec provider, BuiltinToolSpec spec, BuiltinTool tool,
                               Supplier<Map<String, String>> credentials, Map<String, Object> fixed) {
        this.provider = provider;
        this.spec = spec;
        this.tool = tool;
        this.credentials = credentials;
        this.fixed = fixed == null ? Map.of() : Map.copyOf(fixed);
    }

    private static Supplier<Map<String, String>> constant(Map<String, String> credentials) {
        Map<String, String> copy = credentials == null ? Map.of() : Map.copyOf(credentials);
        return () -> copy;
    }

    @Override
    public ToolSpecification specification() {
        JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
        List<String> required = new ArrayList<>();
        for (BuiltinToolSpec.Parameter parameter : spec.parameters()) {
            if (fixed.containsKey(parameter.name())) {
                continue;
            }
            parameters.addProperty(parameter.name(), schema(parameter));
            if (parameter.required()) {
                required.add(parameter.name());
            }
        }
        return ToolSpecification.builder()
                .name(spec.functionName())
                .description(spec.description())
                .parameters(parameters.required(required).build())
                .build();
    }

    @Override
    public String call(String argumentsJson) throws IOException {
        Map<String, String> credentials = this.credentials.get();
        if (provider.needsCredentials() && provider.credentialFields().stream()
                .anyMatch(f -> f.required() && (credentials.get(f.name()) == null || credentials.get(f.name()).isBlank()))) {
            throw new IllegalArgumentException(spec.label() + " needs credentials: store the " + provider.name()
                    + " provider's credentials in this workspace first");
        }
        ToolArguments arguments = ToolArguments.of(spec, argumentsJson, fixed);
        try {
            return tool.run(arguments, credentials);
        } catch (ToolException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // an upstream answer of an unexpected shape: a message for the model, the details for the log
            LOG.log(Level.WARNING, "Built-in tool " + provider.name() + "." + spec.name() + " failed", e);
            throw new ToolException(spec.label() + " failed: the upstream answer could not be read");
        }
    }

    private static JsonSchemaElement schema(BuiltinToolSpec.Parameter parameter) {
        String description = parameter.description();
        if (parameter.options() != null && !parameter.options().isEmpty()) {
            return JsonEnumSchema.builder().enumValues(parameter.options()).description(description).build();
        }
        return switch (parameter.type()) {
            case "integer" -> JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" -> JsonBooleanSchema.builder().description(description).build();
            default -> JsonStringSchema.builder().description(description).build();
        };
    }

    @Override
    public String toString() {
        return "BuiltinCallableTool[" + provider.name() + "." + spec.name() + ", credentials=****]";
    }
}
