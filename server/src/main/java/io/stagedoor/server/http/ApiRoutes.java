package io.stagedoor.server.http;

import io.javalin.config.RoutesConfig;
import io.stagedoor.server.health.HealthEndpoint;

/** The route table of the JSON API: every endpoint under {@code /api/v1}, in one place. */
public final class ApiRoutes {

    public static final String PREFIX = "/api/v1";

    /** The handlers the table points at, built by the composition root. */
    public record Endpoints(HealthEndpoint health) {}

    private ApiRoutes() {}

    public static void register(RoutesConfig routes, Endpoints endpoints) {
        routes.get(PREFIX + "/health", endpoints.health()::get);
    }
}
