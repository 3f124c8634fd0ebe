package io.stagedoor.server.error;

import java.util.List;

/** No valid session: the caller must sign in (again). */
public final class UnauthenticatedException extends ApiException {

    public UnauthenticatedException(String detail) {
        super(401, "unauthenticated", "Unauthorized", detail, List.of());
    }
}
