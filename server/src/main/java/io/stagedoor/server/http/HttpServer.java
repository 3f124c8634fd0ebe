package io.stagedoor.server.http;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson3;
import io.javalin.util.JavalinBindException;
import io.stagedoor.api.ApiJson;
import io.stagedoor.api.Problem;
import io.stagedoor.server.accounts.Caller;
import io.stagedoor.server.config.HttpConfig;
import io.stagedoor.server.error.ForbiddenException;
import io.stagedoor.server.error.UnauthenticatedException;
import io.stagedoor.server.error.UnsupportedMediaTypeException;
import io.stagedoor.server.health.SetupWarnings;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The HTTP listener: Javalin on Jetty. It serves the API's route table under {@code /api/v1} (authenticating each
 * call as its row says) and the server-rendered pages, and turns every failure into problem details.
 */
public final class HttpServer implements AutoCloseable {

    private final Javalin javalin;

    private HttpServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /**
     * Starts listening. With port 0 a free port is chosen; {@link #port()} tells which.
     *
     * @param warnings where to say what is wrong with the set-up, as requests show it
     * @param pages routes outside the API (HTML pages, assets), registered as they are
     * @throws PortUnavailableException when the port is taken or not permitted
     */
    public static HttpServer start(
            HttpConfig config,
            SetupWarnings warnings,
            List<ApiRoute<?>> api,
            Consumer<RoutesConfig> pages,
            Authenticator authenticator) {
        var json = serverJson();
        var problems = new ProblemResponses(json);
        var dispatcher = new Dispatcher(new JsonBodies(json), authenticator);
        var clientAddress = new ClientAddress(config.trustedProxies(), warnings);
        var javalin = Javalin.create(javalinConfig -> {
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.startup.showOldJavalinVersionWarning = false;
            javalinConfig.jetty.addConnector((server, httpConfiguration) -> {
                var connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
                connector.setHost(config.host());
                connector.setPort(config.port());
                // Jetty's default leaves it to the JVM's 50, which a rush of buyers overflows: connections beyond it
                // wait for the operating system to retry, or fail.
                connector.setAcceptQueueSize(config.capacity().acceptQueue());
                return connector;
            });
            javalinConfig.jetty.modifyServer(server -> {
                server.insertHandler(new RequestBudget(config.capacity(), problems));
                server.setErrorHandler(new ProtocolErrors(problems));
            });
            javalinConfig.http.maxRequestSize = config.maxRequestBytes();
            javalinConfig.http.prefer405over404 = true;
            javalinConfig.jsonMapper(new JavalinJackson3(json, false));
            javalinConfig.concurrency.useVirtualThreads = true;
            javalinConfig.routes.before(HttpServer::securityHeaders);
            javalinConfig.routes.before(clientAddress::resolve);
            problems.register(javalinConfig.routes);
            // Pages (with playback) before the API: the router tries routes in order, and a player's requests far
            // outnumber the API's. The two never overlap: every API path starts with the API's prefix.
            pages.accept(javalinConfig.routes);
            for (var route : api) {
                javalinConfig.routes.addHttpHandler(
                        route.method(), ApiRoutes.PREFIX + route.path(), ctx -> dispatcher.dispatch(route, ctx));
            }
        });
        try {
            javalin.start();
        } catch (JavalinBindException e) {
            javalin.stop();
            throw new PortUnavailableException(
                    "Cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage()
                            + " Choose another port with --http-port or STAGEDOOR_HTTP_PORT.",
                    e);
        }
        return new HttpServer(javalin);
    }

    /**
     * The API's JSON: the shared conventions, strict about input so that a typo in a field name, a fraction where a
     * whole number belongs or a value of the wrong JSON type is reported rather than silently ignored or coerced.
     * Each JSON type reads only as its own: text never as a number, boolean, enum or date; numbers and booleans never
     * as text or as each other; an object or a list never as a single value; dates only as ISO-8601 date-times with
     * an offset.
     */
    public static JsonMapper serverJson() {
        return ApiJson.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .disable(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
                .disable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
                // Numbers, booleans and dates only from their own JSON type: "5" is not 5, 1 is not true, "" is not
                // null. Text and dates have readers of their own (StrictScalars).
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(
                        LogicalType.OtherScalar,
                        ids -> ids.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Enum,
                        enums -> enums.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .addModule(StrictScalars.module())
                .build();
    }

    /**
     * Links in e-mails carry secrets in their path, so no page may leak its address to another site; nothing
     * here is meant to be framed or sniffed into another type.
     */
    private static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }

    /** Runs one API route: authenticate as its row demands, read its body, call it, write its answer. */
    private record Dispatcher(JsonBodies bodies, Authenticator authenticator) {

        <B> void dispatch(ApiRoute<B> route, Context ctx) throws Exception {
            var caller = authenticate(route.access(), ctx);
            var body = readBody(route, ctx);
            var result = route.handler().handle(new ApiRequest<>(ctx, body, caller));
            ctx.header("Cache-Control", "no-store");
            switch (result) {
                case Reply.NoContent ignored -> ctx.status(204);
                case Reply.Download download ->
                    ctx.status(route.status())
                            .contentType(download.contentType())
                            .header("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"")
                            .result(download.content());
                case Reply.Content content ->
                    ctx.status(route.status())
                            .contentType(content.contentType())
                            .header("Cache-Control", content.cacheControl())
                            .result(content.content());
                case Reply.Json replied -> ctx.status(replied.status()).json(replied.body());
                case Reply.Replayed replayed ->
                    ctx.status(replayed.status())
                            .header("Idempotent-Replayed", "true")
                            .contentType(replayed.status() >= 400 ? Problem.MEDIA_TYPE : "application/json")
                            .result(replayed.json());
                default -> ctx.status(route.status()).json(result);
            }
        }

        private @Nullable Caller authenticate(Access access, Context ctx) {
            var header = ctx.header("Authorization");
            if (access == Access.PUBLIC) {
                return null;
            }
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                ctx.header("WWW-Authenticate", "Bearer");
                throw new UnauthenticatedException(
                        "Sign in first: send the token from POST /api/v1/sessions as \"Authorization: Bearer <token>\".");
            }
            var caller = authenticator.authenticate(header.substring(7).strip());
            if (caller.isEmpty()) {
                ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                throw new UnauthenticatedException("The session has expired or was signed out. Sign in again.");
            }
            if (access == Access.ADMIN && !caller.get().isAdmin()) {
                throw new ForbiddenException("Only the platform administrator may do this.");
            }
            return caller.get();
        }

        @SuppressWarnings("unchecked")
        private <B> @Nullable B readBody(ApiRoute<B> route, Context ctx) throws IOException {
            if (route.bodyType() == Void.class || route.method() == HandlerType.GET) {
                return null;
            }
            if (route.bodyType() == String.class) {
                return (B) ctx.body();
            }
            if (route.bodyType() == byte[].class) {
                return (B) readLimited(ctx, route.maxBodyBytes());
            }
            var contentType = ctx.contentType();
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw new UnsupportedMediaTypeException(
                        "Send the body as JSON with \"Content-Type: application/json\" (was "
                                + (contentType == null ? "none" : "\"" + contentType + "\"") + ").");
            }
            return bodies.read(ctx.bodyAsBytes(), route.bodyType());
        }

        private static byte[] readLimited(Context ctx, long limit) throws IOException {
            var declared = ctx.contentLength();
            if (declared > limit) {
                throw new ContentTooLargeResponse();
            }
            try (var in = ctx.bodyInputStream()) {
                var bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                if (bytes.length > limit) {
                    throw new ContentTooLargeResponse();
                }
                return bytes;
            }
        }
    }
}
