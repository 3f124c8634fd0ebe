package io.stagedoor.server.error;

import java.util.List;

/** What was asked for existed, and no longer does (an address that has expired). */
public final class GoneException extends ApiException {

    public GoneException(String detail) {
        super(410, "gone", "Gone", detail, List.of());
    }
}
