package io.stagedoor.server.ingest;

import io.stagedoor.server.secrets.ServerSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived tokens carried in playback and health-page addresses ({@code /live/{event}/{token}/…}), so that players
 * and pages need no headers or cookies: {@code expiry.scope.subject.mac}, where the MAC (HMAC-SHA256 with a key derived
 * from the server's secret, 128 bits kept) binds the event, the scope, the subject, the expiry and, for the
 * organiser's links, the event's links version. The scope says what the token opens:
 *
 * <ul>
 *   <li>{@link Scope#PLAY}: the stream, for a ticket's viewing session ({@code s-<session>}); the session is checked
 *       on every request as well.
 *   <li>{@link Scope#PREVIEW}: the stream, for the organiser's preview ({@code o-<account>}), rehearsals included.
 *   <li>{@link Scope#HEALTH}: the technician's health page and its updates, never the stream.
 * </ul>
 *
 * Preview and health links die when their event's links version changes (the links were renewed, or the stream key
 * replaced).
 */
public final class PlaybackTokens {

    /** What a token opens. */
    public enum Scope {
        PLAY('p'),
        PREVIEW('v'),
        HEALTH('h');

        private final char letter;

        Scope(char letter) {
            this.letter = letter;
        }

        static Optional<Scope> of(char letter) {
            return Arrays.stream(values()).filter(s -> s.letter == letter).findFirst();
        }

        /** Whether tokens of this scope are the organiser's, signed with the links version. */
        boolean organisers() {
            return this != PLAY;
        }
    }

    private static final Pattern SHAPE =
            Pattern.compile("(\\d{1,12})\\.([a-z])\\.([A-Za-z0-9-]{1,64})\\.([A-Za-z0-9_-]{22})");
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final Clock clock;
    private final Function<UUID, Optional<Long>> linksVersions;

    /**
     * @param linksVersions the version an event's preview and health links are signed with now; empty when it has
     *     none (no such links exist)
     */
    PlaybackTokens(ServerSecret secret, Clock clock, Function<UUID, Optional<Long>> linksVersions) {
        this.key = secret.derive("playback-tokens");
        this.clock = clock;
        this.linksVersions = linksVersions;
    }

    /** A viewer's token: {@code subject} (letters, digits and dashes) may play {@code eventId} for {@code validity}. */
    public String issuePlay(UUID eventId, String subject, Duration validity) {
        return issue(eventId, Scope.PLAY, subject, validity, 0);
    }

    /** An organiser's link token, signed with the event's links version now. */
    String issueForOrganiser(UUID eventId, Scope scope, String subject, Duration validity, long linksVersion) {
        if (!scope.organisers()) {
            throw new IllegalArgumentException(scope + " is not an organiser's scope");
        }
        return issue(eventId, scope, subject, validity, linksVersion);
    }

    private String issue(UUID eventId, Scope scope, String subject, Duration validity, long version) {
        long expiry = clock.instant().plus(validity).getEpochSecond();
        return expiry + "." + scope.letter + "." + subject + "." + mac(eventId, scope, subject, expiry, version);
    }

    /** What a token is worth. */
    public enum Verdict {
        /** Made here, for this event and a scope the caller accepts, with current links, and not expired. */
        GENUINE,
        /** Made here for this event, and expired: its holder should get a new one. */
        EXPIRED,
        /** Not made here, made for another event or another scope, or its links were renewed since. */
        INVALID
    }

    /** A token's verdict, and its scope and subject when it was made here. */
    public record Checked(Verdict verdict, Scope scope, String subject) {}

    /** Checks a token; only a genuine MAC makes it {@code EXPIRED} rather than {@code INVALID}. */
    public Checked check(UUID eventId, String token) {
        var invalid = new Checked(Verdict.INVALID, Scope.PLAY, "");
        var m = SHAPE.matcher(token);
        if (!m.matches()) {
            return invalid;
        }
        var scope = Scope.of(m.group(2).charAt(0));
        if (scope.isEmpty()) {
            return invalid;
        }
        long expiry = Long.parseLong(m.group(1));
        var subject = m.group(3);
        long version = 0;
        if (scope.get().organisers()) {
            var current = linksVersions.apply(eventId);
            if (current.isEmpty()) {
                return invalid;
            }
            version = current.get();
        }
        var expected = mac(eventId, scope.get(), subject, expiry, version).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, m.group(4).getBytes(StandardCharsets.US_ASCII))) {
            return invalid;
        }
        if (Instant.ofEpochSecond(expiry).isBefore(clock.instant())) {
            return new Checked(Verdict.EXPIRED, scope.get(), subject);
        }
        return new Checked(Verdict.GENUINE, scope.get(), subject);
    }

    private String mac(UUID eventId, Scope scope, String subject, long expiry, long version) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            var full = mac.doFinal((eventId + "|" + scope.letter + "|" + subject + "|" + expiry + "|" + version)
                    .getBytes(StandardCharsets.UTF_8));
            return URL.encodeToString(Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
