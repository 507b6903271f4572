package io.llmops.platform.paging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** {@code ?page=1&page_size=20} as a {@code @BeanParam}; page_size is bounded to 100. */
public class PageQuery {

    public static final int MAX_PAGE_SIZE = 100;

    @QueryParam("page")
    @DefaultValue("1")
    @Min(value = 1, message = "must be 1 or more")
    @Max(value = 1_000_000, message = "must be 1000000 or less")
    private int page = 1;

    @QueryParam("page_size")
    @DefaultValue("20")
    @Min(value = 1, message = "must be 1 or more")
    @Max(value = MAX_PAGE_SIZE, message = "must be 100 or less")
    private int pageSize = 20;

    public PageQuery() {
    }

    public PageQuery(int page, int pageSize) {
        this.page = page;
        this.pageSize = pageSize;
    }

    public int page() {
        return page;
    }

    public int pageSize() {
        return pageSize;
    }

    public int offset() {
        return (page - 1) * pageSize;
    }
}
