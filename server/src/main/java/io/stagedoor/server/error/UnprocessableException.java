package io.stagedoor.server.error;

import java.util.List;

/** The request conflicts with what the same caller asked before, such as an Idempotency-Key reused for another body. */
public final class UnprocessableException extends ApiException {

    public UnprocessableException(String kind, String title, String detail) {
        super(422, kind, title, detail, List.of());
    }
}
