package io.llmops.tool.control;

import java.util.List;

/**
 * One OpenAPI operation as a tool: its name is the operationId; {@code path} is the template
 * ({@code /pets/{petId}}) under the provider's server URL.
 *
 * @param bodyType {@code json}, {@code form} or null when the call sends no body
 */
public record ApiOperation(String name, String description, String method, String path, String bodyType,
                           List<ApiParameter> parameters) {

    public ApiOperation {
        parameters = List.copyOf(parameters);
    }
}
