package io.stagedoor.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.stagedoor.api.Problem;
import io.stagedoor.server.error.ApiException;
import io.stagedoor.server.error.TooManyRequestsException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where failures become responses: every error leaves the server as RFC 9457 problem details, and
 * nothing internal (stack traces, SQL, class names) leaks into them. Paths are logged with secrets masked.
 */
final class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.exception(ApiException.class, this::apiException);
        routes.exception(HttpResponseException.class, this::httpStatus);
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

    private void respond(Context ctx, Problem problem) {
        ctx.status(problem.status())
                .contentType(Problem.MEDIA_TYPE)
                .header("Cache-Control", "no-store")
                .result(json.writeValueAsString(problem));
    }
}
