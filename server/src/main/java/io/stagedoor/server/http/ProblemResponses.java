package io.stagedoor.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.stagedoor.api.Problem;
import io.stagedoor.server.error.ApiException;
import io.stagedoor.server.error.TooManyRequestsException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.EofException;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where failures become responses: every error leaves the server as RFC 9457 problem details, and
 * nothing internal (stack traces, SQL, class names) leaks into them. Paths are logged with secrets masked.
 */
final class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    /** Seconds a client is asked to wait before trying a request again that the server was too busy for. */
    static final String RETRY_AFTER_SECONDS = "1";

    private static final Duration BUSY_LOG_INTERVAL = Duration.ofMinutes(1);

    private final JsonMapper json;
    private final AtomicLong busyAnswers = new AtomicLong();
    private final AtomicLong lastBusyLog = new AtomicLong(System.nanoTime() - BUSY_LOG_INTERVAL.toNanos());

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.exception(ApiException.class, this::apiException);
        routes.exception(HttpResponseException.class, this::httpStatus);
        routes.exception(ConnectionException.class, this::noDatabaseConnection);
        routes.exception(EofException.class, this::clientWentAway);
        routes.exception(Exception.class, this::unexpected);
    }

    private void apiException(ApiException e, Context ctx) {
        if (e instanceof TooManyRequestsException tooMany) {
            ctx.header(
                    "Retry-After",
                    String.valueOf(Math.max(1, tooMany.retryAfter().toSeconds())));
        }
        respond(ctx, e.toProblem(LogSafe.path(ctx.path())));
    }

    private void httpStatus(HttpResponseException e, Context ctx) {
        var status = HttpStatus.forStatus(e.getStatus());
        var detail = switch (status) {
            case NOT_FOUND -> "There is no " + ctx.method() + " " + LogSafe.path(ctx.path()) + " on this server.";
            case METHOD_NOT_ALLOWED -> ctx.method() + " is not allowed on " + LogSafe.path(ctx.path()) + ".";
            case CONTENT_TOO_LARGE -> "The request body is larger than this server accepts for it.";
            default -> e.getMessage();
        };
        respond(ctx, Problem.ofStatus(status.getCode(), status.getMessage(), detail, LogSafe.path(ctx.path())));
    }

    private void unexpected(Exception e, Context ctx) {
        var incident = UUID.randomUUID().toString();
        log.error("Unexpected failure on {} {} (incident {})", ctx.method(), LogSafe.path(ctx.path()), incident, e);
        respond(
                ctx,
                Problem.ofStatus(
                        500,
                        "Internal Server Error",
                        "Something went wrong on the server. Quote incident " + incident
                                + " when you report it; the server log has the details.",
                        LogSafe.path(ctx.path())));
    }

    /** The client closed the connection before its request was all there: nobody is left to answer. */
    private void clientWentAway(EofException e, Context ctx) {
        log.debug("The client went away during {} {}", ctx.method(), LogSafe.path(ctx.path()), e);
        respond(
                ctx,
                Problem.ofStatus(
                        400, "Bad Request", "The request ended before its body did.", LogSafe.path(ctx.path())));
    }

    /**
     * No database connection came free in time (the pool is busy with other requests) or the database does not
     * answer: the request can succeed later, so it is a 503 with {@code Retry-After}, not an internal error.
     */
    private void noDatabaseConnection(ConnectionException e, Context ctx) {
        if (log.isDebugEnabled()) {
            log.debug("No database connection for {} {}", ctx.method(), LogSafe.path(ctx.path()), e);
        }
        ctx.status(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Cache-Control", "no-store")
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .result(busy(ctx.path()));
    }

    /**
     * The answer to a request the server has no room for now, as JSON: beyond the {@link RequestBudget}, or without
     * a database connection. Noted in the log at most once a minute, with how many there were.
     */
    String busy(String path) {
        long turnedAway = busyAnswers.incrementAndGet();
        long now = System.nanoTime();
        long last = lastBusyLog.get();
        if (now - last >= BUSY_LOG_INTERVAL.toNanos() && lastBusyLog.compareAndSet(last, now)) {
            log.warn(
                    "The server is answering requests 503 (busy): {} since it started. Requests beyond"
                            + " http.max-concurrent-requests wait up to http.max-wait-ms, and each needs one of"
                            + " database.pool-size connections.",
                    turnedAway);
        }
        return json.writeValueAsString(new Problem(
                URI.create("urn:stagedoor:problem:server-busy"),
                "Service Unavailable",
                503,
                "The server is too busy to take this request now. Try again in a moment (Retry-After says when).",
                LogSafe.path(path),
                List.of()));
    }

    /** A problem as the JSON every failure is answered with. */
    String json(Problem problem) {
        return json.writeValueAsString(problem);
    }

    private void respond(Context ctx, Problem problem) {
        ctx.status(problem.status())
                .contentType(Problem.MEDIA_TYPE)
                .header("Cache-Control", "no-store")
                .result(json.writeValueAsString(problem));
    }
}
