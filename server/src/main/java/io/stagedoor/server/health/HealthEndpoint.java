package io.stagedoor.server.health;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** {@code GET /api/v1/health}: 200 when healthy, 503 with the same body when degraded, for load balancers. */
public final class HealthEndpoint {

    private final HealthService health;

    public HealthEndpoint(HealthService health) {
        this.health = health;
    }

    public void get(Context ctx) {
        var current = health.current();
        ctx.header("Cache-Control", "no-store");
        ctx.status(current.isOk() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .json(current);
    }
}
