package io.stagedoor.server.http;

import io.javalin.http.HandlerType;
import io.stagedoor.server.db.PageRequest;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the API's route table: what it is, who may call it, what it takes and returns. The table drives
 * request handling, authentication and the OpenAPI document alike, so they cannot drift apart.
 *
 * @param path below {@code /api/v1}, with {@code {name}} for path parameters
 * @param bodyType the JSON body the route reads ({@link Void} for none, {@link String} for the raw text,
 *     {@code byte[]} for a file)
 * @param bodyMediaTypes the media types the body may have
 * @param responseType what a successful call returns ({@link Void} for no body)
 * @param responseMediaType the media type of a successful answer
 * @param status the HTTP status of a successful call
 * @param tag the feature it belongs to, for grouping in the documentation
 * @param maxBodyBytes the largest body accepted; 0 for the server's {@code http.max-request-bytes}
 * @param parameters query and header parameters, for the documentation
 */
public record ApiRoute<B>(
        HandlerType method,
        String path,
        Access access,
        String summary,
        String tag,
        Class<B> bodyType,
        List<String> bodyMediaTypes,
        Type responseType,
        String responseMediaType,
        int status,
        long maxBodyBytes,
        List<Parameter> parameters,
        ApiHandler<B> handler) {

    static final String JSON = "application/json";

    /** A query or header parameter. */
    public record Parameter(String in, String name, String description, boolean required) {}

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
        private final List<Parameter> parameters = new ArrayList<>();
        private String tag = "";
        private int status = 200;
        private Type responseType = Void.class;
        private String responseMediaType = JSON;
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

        public Builder query(String name, String description) {
            parameters.add(new Parameter("query", name, description, false));
            return this;
        }

        /** The {@code page} and {@code size} query parameters of a list. */
        public Builder paged() {
            query("page", "Page number, from 1; default 1");
            return query(
                    "size", "Items per page, 1 to " + PageRequest.MAX_SIZE + "; default " + PageRequest.DEFAULT_SIZE);
        }

        public Builder header(String name, String description, boolean required) {
            parameters.add(new Parameter("header", name, description, required));
            return this;
        }

        /** A successful call answers {@code newStatus} with a JSON body of {@code type}. */
        public Builder returns(int newStatus, Type type) {
            this.status = newStatus;
            this.responseType = type;
            return this;
        }

        /** A successful call answers 200 with a file of {@code mediaType}. */
        public Builder returnsFile(String mediaType) {
            this.status = 200;
            this.responseType = byte[].class;
            this.responseMediaType = mediaType;
            return this;
        }

        /** A successful call answers 204 without a body. */
        public Builder returnsNothing() {
            this.status = 204;
            this.responseType = Void.class;
            return this;
        }

        /** Accepts bodies up to {@code bytes}, more than the server's usual limit (for uploads). */
        public Builder bodyLimit(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        public <B> ApiRoute<B> takes(Class<B> bodyType, ApiHandler<B> handler) {
            return build(bodyType, List.of(JSON), handler);
        }

        /** The body is a file of one of {@code mediaTypes}, read as bytes. */
        public ApiRoute<byte[]> takesFile(List<String> mediaTypes, ApiHandler<byte[]> handler) {
            return build(byte[].class, mediaTypes, handler);
        }

        public ApiRoute<Void> handledBy(ApiHandler<Void> handler) {
            return build(Void.class, List.of(), handler);
        }

        private <B> ApiRoute<B> build(Class<B> bodyType, List<String> mediaTypes, ApiHandler<B> handler) {
            return new ApiRoute<>(
                    method,
                    path,
                    access,
                    summary,
                    tag,
                    bodyType,
                    List.copyOf(mediaTypes),
                    responseType,
                    responseMediaType,
                    status,
                    maxBodyBytes,
                    List.copyOf(parameters),
                    handler);
        }
    }
}
