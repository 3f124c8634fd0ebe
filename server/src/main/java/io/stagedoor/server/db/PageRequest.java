package io.stagedoor.server.db;

/** Which page of a list: {@code ?page=1&size=50}, pages counted from 1, at most 200 items a page. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public long offset() {
        return (long) (page - 1) * size;
    }
}
