package io.pjctrl.project.web;

import java.util.List;

/** One page of a list: the items, the paging that produced them and the total count. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {
}
