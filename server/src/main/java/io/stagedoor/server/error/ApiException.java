package io.stagedoor.server.error;

import io.stagedoor.api.FieldError;
import io.stagedoor.api.Problem;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A failure the caller can do something about. The HTTP layer turns it into problem details; the message is shown
 * to the caller as it is, so it says what was wrong and what to do, and never contains internals.
 */
public abstract class ApiException extends RuntimeException {

    private final int status;
    private final @Nullable String kind;
    private final String title;
    private final List<FieldError> errors;

    /**
     * @param kind a short name for the kind of problem, e.g. {@code sold-out}, giving the problem type
     *     {@code urn:stagedoor:problem:sold-out}; null when the status says it all
     */
    protected ApiException(int status, @Nullable String kind, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Problem toProblem(String instance) {
        var type = kind == null ? Problem.BLANK : URI.create("urn:stagedoor:problem:" + kind);
        return new Problem(type, title, status, getMessage(), instance, errors);
    }
}
