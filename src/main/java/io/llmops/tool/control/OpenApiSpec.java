package io.llmops.tool.control;

import java.util.List;

/** What an imported OpenAPI document offers: the server every call goes to and one tool per operation. */
public record OpenApiSpec(String serverUrl, List<ApiOperation> operations, List<String> warnings) {

    public OpenApiSpec {
        operations = List.copyOf(operations);
        warnings = List.copyOf(warnings);
    }
}
