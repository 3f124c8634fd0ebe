package io.stagedoor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An error response in the shape of RFC 9457 ("problem details for HTTP APIs"), served as
 * {@code application/problem+json}. Every error the API returns has this shape.
 *
 * @param type identifies the kind of problem; {@code about:blank} when the HTTP status says it all
 * @param title a short, human-readable summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what went wrong in this request and what to do about it
 * @param instance the request path the problem occurred on
 * @param errors per-field messages for invalid input, empty when none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        URI type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final URI BLANK = URI.create("about:blank");

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A problem whose type is fully described by its HTTP status. */
    public static Problem ofStatus(int status, String title, @Nullable String detail, @Nullable String instance) {
        return new Problem(BLANK, title, status, detail, instance, List.of());
    }
}
