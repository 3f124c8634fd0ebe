package io.stagedoor.api;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param page the page number, from 1
 * @param size the most items a page holds
 * @param total the number of items on all pages
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return (long) page * size < total;
    }
}
