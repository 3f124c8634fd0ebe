package io.stagedoor.server.http;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson3;
import io.javalin.util.JavalinBindException;
import io.stagedoor.api.ApiJson;
import io.stagedoor.server.config.HttpConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP listener: Javalin on Jetty, serving the route table with problem-details errors. */
public final class HttpServer implements AutoCloseable {

    private final Javalin javalin;

    private HttpServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /**
     * Starts listening. With port 0 a free port is chosen; {@link #port()} tells which.
     *
     * @throws PortUnavailableException when the port is taken or not permitted
     */
    public static HttpServer start(HttpConfig config, ApiRoutes.Endpoints endpoints) {
        var json = serverJson();
        var problems = new ProblemResponses(json);
        var javalin = Javalin.create(javalinConfig -> {
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.startup.showOldJavalinVersionWarning = false;
            javalinConfig.jetty.host = config.host();
            javalinConfig.jetty.port = config.port();
            javalinConfig.http.maxRequestSize = config.maxRequestBytes();
            javalinConfig.http.prefer405over404 = true;
            javalinConfig.jsonMapper(new JavalinJackson3(json, false));
            javalinConfig.concurrency.useVirtualThreads = true;
            problems.register(javalinConfig.routes);
            ApiRoutes.register(javalinConfig.routes, endpoints);
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
     * The API's JSON: the shared conventions, strict about input so that a typo in a field name or a fraction
     * where a whole number belongs is reported rather than silently ignored.
     */
    static JsonMapper serverJson() {
        return ApiJson.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
