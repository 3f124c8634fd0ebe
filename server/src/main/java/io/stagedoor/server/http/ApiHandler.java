package io.stagedoor.server.http;

/**
 * Handles one route. Returns the response body (serialised as JSON with the route's status), or a
 * {@link Reply} for anything else.
 *
 * @param <B> the request body type the route declares ({@link Void} for none)
 */
@FunctionalInterface
public interface ApiHandler<B> {

    Object handle(ApiRequest<B> request) throws Exception;
}
