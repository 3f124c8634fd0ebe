package io.stagedoor.server.error;

import java.util.List;

/** The body is not of a type this endpoint takes. */
public final class UnsupportedMediaTypeException extends ApiException {

    public UnsupportedMediaTypeException(String detail) {
        super(415, "unsupported-media-type", "Unsupported Media Type", detail, List.of());
    }
}
