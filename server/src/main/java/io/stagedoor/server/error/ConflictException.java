package io.stagedoor.server.error;

import io.stagedoor.api.FieldError;
import java.util.List;

/** The request is valid but the current state does not allow it: sold out, already published, a slug taken. */
public final class ConflictException extends ApiException {

    public ConflictException(String kind, String title, String detail) {
        this(kind, title, detail, List.of());
    }

    public ConflictException(String kind, String title, String detail, List<FieldError> errors) {
        super(409, kind, title, detail, errors);
    }
}
