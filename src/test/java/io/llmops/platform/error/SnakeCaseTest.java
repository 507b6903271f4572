package io.llmops.platform.error;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SnakeCaseTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "id, id",
            "avatarUrl, avatar_url",
            "pageSize, page_size",
            "requestId, request_id",
            "maxTokensPerRequest, max_tokens_per_request",
            "already_snake, already_snake",
            "snake_Mixed, snake_mixed",
            "Leading, leading",
            "top2k, top2k",
            "top2K, top2_k",
    })
    void camelCaseBecomesSnakeCase(String name, String expected) {
        assertThat(SnakeCase.of(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"''"})
    void emptyNameStaysEmpty(String name) {
        assertThat(SnakeCase.of(name)).isEmpty();
    }
}
