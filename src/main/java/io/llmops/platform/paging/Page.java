package io.llmops.platform.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code {items, page, page_size, total}}. */
public record Page<T>(List<T> items, int page, int pageSize, long total) {

    public static <T> Page<T> of(List<T> items, PageQuery query, long total) {
        return new Page<>(List.copyOf(items), query.page(), query.pageSize(), total);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), page, pageSize, total);
    }
}
