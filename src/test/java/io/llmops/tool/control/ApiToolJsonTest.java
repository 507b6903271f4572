package io.llmops.tool.control;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ApiToolJsonTest {

    @Test
    void parametersSurviveTheStoredForm() {
        List<ApiParameter> parameters = List.of(
                new ApiParameter("status", "query", "array", "string", true, "filter", List.of("a", "b"), null),
                new ApiParameter("verbose", "query", "boolean", null, false, "", List.of(), false),
                new ApiParameter("title", "body", "string", null, true, "the title", List.of(), "untitled"));

        List<ApiParameter> read = ApiToolJson.parameters(ApiToolJson.parameters(parameters));

        assertThat(read).isEqualTo(parameters);
    }

    @Test
    void credentialsSurviveTheStoredForm() {
        ApiCredentials credentials = new ApiCredentials(List.of(new ApiCredentials.Header("X-A", "1"),
                new ApiCredentials.Header("X-B", "two")), new ApiCredentials.Auth("api_key_query", "key", "secret"));

        assertThat(ApiToolJson.credentials(ApiToolJson.credentials(credentials))).isEqualTo(credentials);
        ApiCredentials none = new ApiCredentials(List.of(), null);
        assertThat(ApiToolJson.credentials(ApiToolJson.credentials(none)).auth().type()).isEqualTo("none");
    }
}
