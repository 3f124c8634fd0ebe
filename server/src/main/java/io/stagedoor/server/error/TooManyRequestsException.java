package io.stagedoor.server.error;

import java.time.Duration;
import java.util.List;

/** Too many attempts in a short time; the caller may try again after {@link #retryAfter()}. */
public final class TooManyRequestsException extends ApiException {

    private final Duration retryAfter;

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(429, "too-many-requests", "Too Many Requests", detail, List.of());
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
