package io.stagedoor.server.http;

import io.stagedoor.api.Problem;
import io.stagedoor.server.config.HttpConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The budget of requests worked on at once, in front of everything else (Jetty's {@link QoSHandler}). In a rush,
 * requests beyond it wait their turn, a bounded number for a bounded time, and are then answered 503 with
 * {@code Retry-After} rather than piling up on the database pool or being dropped.
 *
 * <p>Long-lived requests are not counted, as they would use up the budget of short ones: server-sent events (the
 * ticket page's, and the stream health's on the API and under {@code /live/}) and everything under {@code /live/},
 * where players fetch playlists and segments every second or two and may be held for the next part.
 */
final class RequestBudget extends QoSHandler {

    /** Paths of long-lived requests, as Jetty path specs: a {@code ^} starts a regular expression. */
    static final List<String> UNCOUNTED =
            List.of("/live/*", "^/t/[^/]+/events$", "^" + ApiRoutes.PREFIX + "/events/[^/]+/health/events$");

    private final ProblemResponses problems;

    RequestBudget(HttpConfig.Capacity capacity, ProblemResponses problems) {
        this.problems = problems;
        setMaxRequestCount(capacity.maxConcurrentRequests());
        setMaxSuspendedRequestCount(capacity.maxWaitingRequests());
        setMaxSuspend(capacity.maxWait());
        excludePath(UNCOUNTED.toArray(String[]::new));
    }

    /** More requests already wait than the budget lets wait. */
    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        busy(request, response, callback);
    }

    /** The request waited as long as the budget lets it. */
    @Override
    protected void expireSuspended(Request request, Response response, Callback callback) {
        busy(request, response, callback);
    }

    private void busy(Request request, Response response, Callback callback) {
        var json = problems.busy(Request.getPathInContext(request));
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
        var headers = response.getHeaders();
        headers.put(HttpHeader.RETRY_AFTER, ProblemResponses.RETRY_AFTER_SECONDS);
        headers.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
