package io.stagedoor.server.ingest;

import io.stagedoor.server.db.Sql;
import io.stagedoor.server.secrets.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;

/**
 * Short-lived tokens carried in playback and health-page addresses ({@code /live/{event}/{token}/…}), so that players
 * and pages need no headers or cookies: {@code expiry.subject.mac}, where the MAC (HMAC-SHA256, 128 bits kept) binds
 * the event, the subject and the expiry. The subject says who it was made for, e.g. {@code o-<account>} for an
 * organiser's preview; viewers are counted by it.
 */
public final class PlaybackTokens {

    private static final String KEY_NAME = "playback";
    private static final Pattern SHAPE = Pattern.compile("(\\d{1,12})\\.([A-Za-z0-9-]{1,64})\\.([A-Za-z0-9_-]{22})");
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final Clock clock;

    PlaybackTokens(Jdbi jdbi, Clock clock) {
        this.key = loadOrCreateKey(jdbi, clock);
        this.clock = clock;
    }

    private static byte[] loadOrCreateKey(Jdbi jdbi, Clock clock) {
        return jdbi.inTransaction(handle -> {
            var existing = handle.createQuery("SELECT secret FROM signing_key WHERE name = :name")
                    .bind("name", KEY_NAME)
                    .mapTo(byte[].class)
                    .findOne();
            if (existing.isPresent()) {
                return existing.get();
            }
            var secret = new byte[32];
            Tokens.randomBytes(secret);
            handle.createUpdate("INSERT INTO signing_key (name, secret, created_at) VALUES (:name, :secret, :at)")
                    .bind("name", KEY_NAME)
                    .bind("secret", secret)
                    .bind("at", Sql.time(clock.instant()))
                    .execute();
            return secret;
        });
    }

    /** A token for {@code subject} (letters, digits and dashes) to watch {@code eventId} for {@code validity}. */
    public String issue(UUID eventId, String subject, Duration validity) {
        long expiry = clock.instant().plus(validity).getEpochSecond();
        return expiry + "." + subject + "." + mac(eventId, subject, expiry);
    }

    /** The token's subject, if it is genuine, for this event, and not expired. */
    public Optional<String> verify(UUID eventId, String token) {
        var checked = check(eventId, token);
        return checked.verdict() == Verdict.GENUINE ? Optional.of(checked.subject()) : Optional.empty();
    }

    /** What a token is worth. */
    public enum Verdict {
        /** Made here, for this event, and not expired. */
        GENUINE,
        /** Made here for this event, and expired: its holder should get a new one. */
        EXPIRED,
        /** Not made here, or made for another event. */
        INVALID
    }

    /** A token's verdict, and its subject when it was made here. */
    public record Checked(Verdict verdict, String subject) {}

    /** Checks a token; only a genuine MAC makes it {@code EXPIRED} rather than {@code INVALID}. */
    public Checked check(UUID eventId, String token) {
        var m = SHAPE.matcher(token);
        if (!m.matches()) {
            return new Checked(Verdict.INVALID, "");
        }
        long expiry = Long.parseLong(m.group(1));
        var subject = m.group(2);
        var expected = mac(eventId, subject, expiry).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, m.group(3).getBytes(StandardCharsets.US_ASCII))) {
            return new Checked(Verdict.INVALID, "");
        }
        if (Instant.ofEpochSecond(expiry).isBefore(clock.instant())) {
            return new Checked(Verdict.EXPIRED, subject);
        }
        return new Checked(Verdict.GENUINE, subject);
    }

    private String mac(UUID eventId, String subject, long expiry) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            var full = mac.doFinal((eventId + "|" + subject + "|" + expiry).getBytes(StandardCharsets.UTF_8));
            return URL.encodeToString(java.util.Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
