package io.stagedoor.server.http;

/** Responses other than a JSON body with the route's status. */
public sealed interface Reply {

    /** 204 No Content. */
    record NoContent() implements Reply {}

    /** A file to save, e.g. a CSV export. */
    record Download(String contentType, String fileName, byte[] content) implements Reply {}

    /** Bytes to show, e.g. an image, with how long caches may keep them. */
    record Content(String contentType, byte[] content, String cacheControl) implements Reply {}

    /** A JSON body with a status other than the route's usual one (e.g. 503 for a degraded server). */
    record Json(int status, Object body) implements Reply {}

    /** The stored answer to an earlier request with the same {@code Idempotency-Key}, replayed as it was. */
    record Replayed(int status, String json) implements Reply {}

    static NoContent noContent() {
        return new NoContent();
    }
}
