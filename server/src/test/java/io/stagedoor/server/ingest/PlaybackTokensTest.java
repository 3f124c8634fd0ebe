package io.stagedoor.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.server.ingest.PlaybackTokens.Scope;
import io.stagedoor.server.ingest.PlaybackTokens.Verdict;
import io.stagedoor.server.secrets.ServerSecret;
import io.stagedoor.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class PlaybackTokensTest {

    private static final ServerSecret SECRET = ServerSecret.of(new byte[32]);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T20:00:00Z"));
    private final Map<UUID, Long> linksVersions = new ConcurrentHashMap<>();
    private final PlaybackTokens tokens =
            new PlaybackTokens(SECRET, clock, event -> Optional.ofNullable(linksVersions.get(event)));

    @Test
    void aViewersTokenPlaysItsEventUntilItExpiresAndNotOnceAltered() {
        var event = UUID.randomUUID();
        var token = tokens.issuePlay(event, "s-session", Duration.ofMinutes(10));

        assertThat(tokens.check(event, token))
                .isEqualTo(new PlaybackTokens.Checked(Verdict.GENUINE, Scope.PLAY, "s-session"));
        assertThat(tokens.check(UUID.randomUUID(), token).verdict())
                .as("another event")
                .isEqualTo(Verdict.INVALID);
        assertThat(tokens.check(event, token.replace("s-session", "s-someone")).verdict())
                .as("another subject")
                .isEqualTo(Verdict.INVALID);
        var parts = token.split("\\.");
        assertThat(tokens.check(
                                event,
                                (Long.parseLong(parts[0]) + 3600) + "." + parts[1] + "." + parts[2] + "." + parts[3])
                        .verdict())
                .as("a later expiry")
                .isEqualTo(Verdict.INVALID);
        for (var scope : new String[] {"v", "h", "x"}) {
            assertThat(tokens.check(event, parts[0] + "." + scope + "." + parts[2] + "." + parts[3])
                            .verdict())
                    .as("the same token claiming scope " + scope)
                    .isEqualTo(Verdict.INVALID);
        }
        assertThat(tokens.check(event, "../../etc/passwd").verdict()).isEqualTo(Verdict.INVALID);

        // The key comes from the server's secret: another server with the same secret verifies the same token, one
        // with another secret does not.
        assertThat(new PlaybackTokens(SECRET, clock, e -> Optional.empty())
                        .check(event, token)
                        .verdict())
                .isEqualTo(Verdict.GENUINE);
        var other = ServerSecret.of(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32
        });
        assertThat(new PlaybackTokens(other, clock, e -> Optional.empty())
                        .check(event, token)
                        .verdict())
                .isEqualTo(Verdict.INVALID);

        clock.advance(Duration.ofMinutes(11));
        assertThat(tokens.check(event, token).verdict()).as("expired").isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void theOrganisersLinksDieWhenTheirEventsLinksVersionChanges() {
        var event = UUID.randomUUID();
        linksVersions.put(event, 41L);
        var preview = tokens.issueForOrganiser(event, Scope.PREVIEW, "o-account", Duration.ofHours(12), 41L);
        var health = tokens.issueForOrganiser(event, Scope.HEALTH, "o-account", Duration.ofHours(12), 41L);

        assertThat(tokens.check(event, preview).scope()).isEqualTo(Scope.PREVIEW);
        assertThat(tokens.check(event, health).scope()).isEqualTo(Scope.HEALTH);
        assertThat(tokens.check(event, preview).verdict()).isEqualTo(Verdict.GENUINE);

        linksVersions.put(event, 42L);
        assertThat(tokens.check(event, preview).verdict()).as("renewed links").isEqualTo(Verdict.INVALID);
        assertThat(tokens.check(event, health).verdict()).as("renewed links").isEqualTo(Verdict.INVALID);

        linksVersions.remove(event);
        assertThat(tokens.check(event, tokens.issueForOrganiser(event, Scope.PREVIEW, "o-a", Duration.ofHours(1), 0))
                        .verdict())
                .as("an event without a stream key has no links")
                .isEqualTo(Verdict.INVALID);
    }
}
