package io.stagedoor.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * Body of {@code GET /api/v1/health}.
 *
 * @param status {@code "ok"} when every dependency answers, else {@code "degraded"} (served with HTTP 503)
 * @param version the server's release version
 * @param startedAt when this server process started serving
 * @param uptimeSeconds whole seconds since {@code startedAt}
 * @param database the state of the server's database
 */
public record Health(String status, String version, Instant startedAt, long uptimeSeconds, DatabaseHealth database) {

    public static final String OK = "ok";
    public static final String DEGRADED = "degraded";

    @JsonIgnore
    public boolean isOk() {
        return OK.equals(status);
    }
}
