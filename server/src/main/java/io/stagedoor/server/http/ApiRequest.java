package io.stagedoor.server.http;

import io.javalin.http.Context;
import io.stagedoor.server.accounts.Caller;
import io.stagedoor.server.db.PageRequest;
import io.stagedoor.server.error.InvalidInputException;
import io.stagedoor.server.error.NotFoundException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One call to an API route: its parsed body, its caller, and typed access to its parameters. */
public final class ApiRequest<B> {

    private final Context ctx;
    private final @Nullable B body;
    private final @Nullable Caller caller;

    ApiRequest(Context ctx, @Nullable B body, @Nullable Caller caller) {
        this.ctx = ctx;
        this.body = body;
        this.caller = caller;
    }

    /** The body, parsed as the route's declared type. */
    public B body() {
        return Objects.requireNonNull(body, "this route declares no body");
    }

    /** The signed-in caller; every route that is not {@link Access#PUBLIC} has one. */
    public Caller caller() {
        return Objects.requireNonNull(caller, "a public route has no caller");
    }

    public Optional<Caller> optionalCaller() {
        return Optional.ofNullable(caller);
    }

    /**
     * A path parameter that names something by its UUID.
     *
     * @param what how to name the thing in the 404 when the text is not a UUID, e.g. {@code "event"}
     */
    public UUID pathId(String name, String what) {
        var text = ctx.pathParam(name);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("There is no " + what + " \"" + text + "\".");
        }
    }

    public String path(String name) {
        return ctx.pathParam(name);
    }

    public @Nullable String header(String name) {
        return ctx.header(name);
    }

    public @Nullable String query(String name) {
        return ctx.queryParam(name);
    }

    /** {@code ?page=&size=}, checked: pages count from 1, sizes from 1 to {@link PageRequest#MAX_SIZE}. */
    public PageRequest page() {
        int page = queryInt("page", 1, 1, Integer.MAX_VALUE / PageRequest.MAX_SIZE);
        int size = queryInt("size", PageRequest.DEFAULT_SIZE, 1, PageRequest.MAX_SIZE);
        return new PageRequest(page, size);
    }

    private int queryInt(String name, int fallback, int min, int max) {
        var text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw InvalidInputException.of(
                name, "must be a whole number from " + min + " to " + max + ", was \"" + text + "\"");
    }

    /** The address of the client: the connection's, or the one trusted reverse proxies forwarded. */
    public String clientAddress() {
        return ClientAddress.of(ctx);
    }

    /** For the rare handler that needs the raw HTTP exchange. */
    public Context context() {
        return ctx;
    }
}
