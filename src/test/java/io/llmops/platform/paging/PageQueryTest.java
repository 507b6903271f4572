package io.llmops.platform.paging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PageQueryTest {

    @Test
    void defaultsToFirstPageOfTwenty() {
        PageQuery query = new PageQuery();

        assertThat(query.page()).isEqualTo(1);
        assertThat(query.pageSize()).isEqualTo(20);
        assertThat(query.offset()).isZero();
    }

    @ParameterizedTest(name = "page {0} of {1} starts at {2}")
    @CsvSource({"1, 20, 0", "2, 20, 20", "3, 10, 20", "5, 100, 400", "1000000, 100, 99999900"})
    void offsetSkipsThePreviousPages(int page, int pageSize, int offset) {
        assertThat(new PageQuery(page, pageSize).offset()).isEqualTo(offset);
    }
}
