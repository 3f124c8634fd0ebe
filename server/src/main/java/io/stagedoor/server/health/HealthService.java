package io.stagedoor.server.health;

import io.stagedoor.api.Health;
import io.stagedoor.server.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Reports this server's version, uptime and whether its database answers. */
public final class HealthService {

    private final String version;
    private final Clock clock;
    private final Instant startedAt;
    private final Database database;

    public HealthService(String version, Clock clock, Database database) {
        this.version = version;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.database = database;
    }

    public Health current() {
        var db = database.health();
        var uptime = Duration.between(startedAt, clock.instant());
        return new Health(db.ok() ? Health.OK : Health.DEGRADED, version, startedAt, uptime.toSeconds(), db);
    }
}
