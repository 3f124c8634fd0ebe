package io.stagedoor.server.error;

import java.util.List;

/** The thing asked for does not exist, or belongs to someone else (the two are not told apart). */
public final class NotFoundException extends ApiException {

    public NotFoundException(String detail) {
        super(404, null, "Not Found", detail, List.of());
    }
}
