package io.llmops.tool.control;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads spec text (JSON or YAML: YAML 1.1 reads JSON too) into a plain tree of maps, lists and
 * scalars with hard bounds, before any OpenAPI parser sees it. SnakeYAML refuses alias-heavy input
 * early (at most {@value #MAX_ALIASES} aliases of collections) and the copy into the tree expands
 * aliases under a node budget, so a billion-laughs document fails fast in bounded memory instead of
 * exploding later (measured: swagger-parser's own YAML path spends ~20 s on the classic 9×9 bomb and
 * runs out of a 512 MiB heap on 48 aliases of 1 KiB leaves, so it only ever gets our JSON). Only
 * local {@code $ref}s ({@code #/...}) are accepted: a remote or file reference
 * would make the parser fetch from the network or read the server's disk.
 */
public final class SpecDocument {

    public static final int MAX_CHARS = 1024 * 1024;
    static final int MAX_ALIASES = 50;
    static final int MAX_DEPTH = 64;
    static final int MAX_NODES = 200_000;

    private int nodes;
    private final List<String> remoteRefs = new ArrayList<>();

    private SpecDocument() {
    }

    /** The document as a tree whose root is a map; {@link InvalidOpenApiSchema} when it cannot be one. */
    public static Map<String, Object> read(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidOpenApiSchema("the schema is empty");
        }
        if (text.length() > MAX_CHARS) {
            throw new InvalidOpenApiSchema("the schema is larger than " + MAX_CHARS + " characters");
        }
        Object loaded;
        try {
            loaded = yaml().load(text);
        } catch (YAMLException e) {
            throw new InvalidOpenApiSchema("the schema is neither valid JSON nor valid YAML: " + firstLine(e.getMessage()));
        } catch (StackOverflowError e) {
            throw new InvalidOpenApiSchema("the schema is nested too deeply");
        }
        if (!(loaded instanceof Map<?, ?>)) {
            throw new InvalidOpenApiSchema("the schema is not an OpenAPI document (expected a JSON or YAML object)");
        }
        SpecDocument reader = new SpecDocument();
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) reader.copy(loaded, 0);
        if (!reader.remoteRefs.isEmpty()) {
            throw new InvalidOpenApiSchema("only local $refs (#/...) are supported; found "
                    + String.join(", ", reader.remoteRefs.stream().limit(5).toList()));
        }
        return tree;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CHARS + 16);
        return new Yaml(new SafeConstructor(options));
    }

    /** A JSON-shaped copy (string keys, ISO dates), aliases expanded under the node budget. */
    private Object copy(Object value, int depth) {
        if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
            throw new InvalidOpenApiSchema("the schema expands to more than " + MAX_NODES
                    + " nodes or " + MAX_DEPTH + " levels (YAML aliases?)");
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if ("$ref".equals(key) && e.getValue() instanceof String ref && !ref.startsWith("#")) {
                    remoteRefs.add(ref);
                }
                out.put(key, copy(e.getValue(), depth + 1));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(copy(item, depth + 1));
            }
            return out;
        }
        if (value instanceof Date date) {
            return date.toInstant().atOffset(ZoneOffset.UTC).toString();
        }
        if (value instanceof byte[] bytes) {
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }
        return value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.strip().lines().findFirst().orElse("unreadable");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
