package io.stagedoor.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.server.config.DatabaseConfig;
import io.stagedoor.server.db.Database;
import io.stagedoor.server.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybackTokensTest {

    @TempDir
    Path dir;

    @Test
    void aTokenWorksForItsEventUntilItExpiresAndNotOnceAltered() {
        var clock = new MutableClock(Instant.parse("2026-11-21T20:00:00Z"));
        try (var database = Database.open(new DatabaseConfig("jdbc:h2:file:" + dir.resolve("db"), "", "", 2))) {
            var tokens = new PlaybackTokens(database.jdbi(), clock);
            var event = UUID.randomUUID();
            var token = tokens.issue(event, "o-account", Duration.ofHours(1));

            assertThat(tokens.verify(event, token)).hasValue("o-account");
            assertThat(tokens.verify(UUID.randomUUID(), token))
                    .as("another event")
                    .isEmpty();
            assertThat(tokens.verify(event, token.replace("o-account", "o-someone")))
                    .as("another subject")
                    .isEmpty();
            var parts = token.split("\\.");
            assertThat(tokens.verify(event, (Long.parseLong(parts[0]) + 3600) + "." + parts[1] + "." + parts[2]))
                    .as("a later expiry")
                    .isEmpty();
            assertThat(tokens.verify(event, "../../etc/passwd")).isEmpty();

            // The key survives a restart: the same database verifies the same token.
            assertThat(new PlaybackTokens(database.jdbi(), clock).verify(event, token))
                    .hasValue("o-account");

            clock.advance(Duration.ofMinutes(61));
            assertThat(tokens.verify(event, token)).as("expired").isEmpty();
        }
    }
}
