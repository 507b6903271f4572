package io.llmops.platform.paging;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTest {

    @Test
    void pageTakesNumberAndSizeFromTheQuery() {
        Page<String> page = Page.of(List.of("a", "b"), new PageQuery(3, 2), 7);

        assertThat(page.items()).containsExactly("a", "b");
        assertThat(page.page()).isEqualTo(3);
        assertThat(page.pageSize()).isEqualTo(2);
        assertThat(page.total()).isEqualTo(7);
    }

    @Test
    void itemsAreACopyThatCannotChange() {
        List<String> source = new ArrayList<>(List.of("a"));
        Page<String> page = Page.of(source, new PageQuery(), 1);

        source.add("b");

        assertThat(page.items()).containsExactly("a");
        assertThatThrownBy(() -> page.items().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void mapConvertsItemsAndKeepsPaging() {
        Page<Integer> lengths = Page.of(List.of("a", "bbb"), new PageQuery(2, 2), 4).map(String::length);

        assertThat(lengths).isEqualTo(new Page<>(List.of(1, 3), 2, 2, 4));
    }

    @Test
    void emptyPageMapsToEmptyPage() {
        Page<Integer> mapped = Page.<String>of(List.of(), new PageQuery(), 0).map(String::length);

        assertThat(mapped.items()).isEmpty();
        assertThat(mapped.total()).isZero();
    }
}
