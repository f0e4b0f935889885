package io.pjctrl.project.web;

import java.util.List;
import java.util.function.Function;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

/** One page of a list: the items, the paging that produced them and the total count. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    /** The page {@code page} of {@code query}'s results, each mapped to its response, and the count of them all. */
    public static <E, T> Uni<PageResponse<T>> of(PanacheQuery<E> query, PageRequest page, Function<E, T> response) {
        return query.page(Page.of(page.page(), page.size()))
                .list()
                .chain(list -> query.count()
                        .map(total -> new PageResponse<>(list.stream().map(response).toList(), page.page(), page.size(),
                                total)));
    }
}
