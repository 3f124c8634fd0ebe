package io.stagedoor.server.http;

import io.javalin.http.HandlerType;
import java.lang.reflect.Type;

/**
 * One row of the API's route table: what it is, who may call it, what it takes and returns. The table drives
 * request handling, authentication and the OpenAPI document alike, so they cannot drift apart.
 *
 * @param path below {@code /api/v1}, with {@code {name}} for path parameters
 * @param bodyType the JSON body the route reads ({@link Void} for none, {@link String} for the raw text,
 *     {@code byte[]} for a file)
 * @param responseType what a successful call returns ({@link Void} for no body)
 * @param status the HTTP status of a successful call
 * @param tag the feature it belongs to, for grouping in the documentation
 * @param maxBodyBytes the largest body accepted; 0 for the server's {@code http.max-request-bytes}
 */
public record ApiRoute<B>(
        HandlerType method,
        String path,
        Access access,
        String summary,
        String tag,
        Class<B> bodyType,
        Type responseType,
        int status,
        long maxBodyBytes,
        ApiHandler<B> handler) {

    /** Starts a row: {@code ApiRoute.get("/events/{eventId}", Access.SIGNED_IN, "Read one event")}. */
    public static Builder get(String path, Access access, String summary) {
        return new Builder(HandlerType.GET, path, access, summary);
    }

    public static Builder post(String path, Access access, String summary) {
        return new Builder(HandlerType.POST, path, access, summary);
    }

    public static Builder put(String path, Access access, String summary) {
        return new Builder(HandlerType.PUT, path, access, summary);
    }

    public static Builder patch(String path, Access access, String summary) {
        return new Builder(HandlerType.PATCH, path, access, summary);
    }

    public static Builder delete(String path, Access access, String summary) {
        return new Builder(HandlerType.DELETE, path, access, summary);
    }

    /** The rest of a row, in the order a reader wants it: what goes in, what comes out, who handles it. */
    public static final class Builder {
        private final HandlerType method;
        private final String path;
        private final Access access;
        private final String summary;
        private String tag = "";
        private int status = 200;
        private Type responseType = Void.class;
        private long maxBodyBytes;

        private Builder(HandlerType method, String path, Access access, String summary) {
            this.method = method;
            this.path = path;
            this.access = access;
            this.summary = summary;
        }

        public Builder tag(String newTag) {
            this.tag = newTag;
            return this;
        }

        /** A successful call answers {@code newStatus} with a body of {@code type}. */
        public Builder returns(int newStatus, Type type) {
            this.status = newStatus;
            this.responseType = type;
            return this;
        }

        /** Accepts bodies up to {@code bytes}, more than the server's usual limit (for uploads). */
        public Builder bodyLimit(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /** A successful call answers 204 without a body. */
        public Builder returnsNothing() {
            this.status = 204;
            this.responseType = Void.class;
            return this;
        }

        public <B> ApiRoute<B> takes(Class<B> bodyType, ApiHandler<B> handler) {
            return new ApiRoute<>(
                    method, path, access, summary, tag, bodyType, responseType, status, maxBodyBytes, handler);
        }

        public ApiRoute<Void> handledBy(ApiHandler<Void> handler) {
            return takes(Void.class, handler);
        }
    }
}
