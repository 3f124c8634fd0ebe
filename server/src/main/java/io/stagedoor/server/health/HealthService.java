package io.stagedoor.server.health;

import io.stagedoor.api.DatabaseHealth;
import io.stagedoor.api.Health;
import io.stagedoor.server.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reports this server's version, uptime and whether its database answers; to the platform administrator also the
 * database's product, schema and error, and the set-up's warnings. Nothing else: the open answer must tell an
 * attacker nothing about what runs behind it or how it fails.
 */
public final class HealthService {

    private final String version;
    private final Clock clock;
    private final Instant startedAt;
    private final Database database;
    private final SetupWarnings warnings;

    public HealthService(String version, Clock clock, Database database, SetupWarnings warnings) {
        this.version = version;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.database = database;
        this.warnings = warnings;
    }

    /** What anyone may know: up or not, version, uptime. */
    public Health current() {
        return health(DatabaseHealth.answering(database.health().ok()), List.of());
    }

    /** Everything, for the platform administrator. */
    public Health details() {
        return health(database.health(), warnings.current());
    }

    private Health health(DatabaseHealth db, List<String> setupWarnings) {
        var uptime = Duration.between(startedAt, clock.instant());
        return new Health(
                db.ok() ? Health.OK : Health.DEGRADED, version, startedAt, uptime.toSeconds(), db, setupWarnings);
    }
}
