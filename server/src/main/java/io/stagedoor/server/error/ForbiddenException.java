package io.stagedoor.server.error;

import java.util.List;

/** Signed in, but this needs a role the caller does not have. */
public final class ForbiddenException extends ApiException {

    public ForbiddenException(String detail) {
        super(403, "forbidden", "Forbidden", detail, List.of());
    }
}
