package io.stagedoor.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Body of {@code GET /api/v1/health}, open to anyone, and of {@code GET /api/v1/admin/health}, for the platform
 * administrator. The open answer tells nothing an attacker could use: whether the server and its database are up, its
 * version and uptime. The administrator's adds the database's details and the set-up's warnings.
 *
 * @param status {@code "ok"} when every dependency answers, else {@code "degraded"} (served with HTTP 503)
 * @param version the server's release version
 * @param startedAt when this server process started serving
 * @param uptimeSeconds whole seconds since {@code startedAt}
 * @param database the state of the server's database
 * @param warnings what the operator should fix in the server's set-up, such as a reverse proxy that is not trusted;
 *     only in the administrator's answer, and left out when there are none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Health(
        String status,
        String version,
        Instant startedAt,
        long uptimeSeconds,
        DatabaseHealth database,
        List<String> warnings) {

    public static final String OK = "ok";
    public static final String DEGRADED = "degraded";

    public Health {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    @JsonIgnore
    public boolean isOk() {
        return OK.equals(status);
    }
}
