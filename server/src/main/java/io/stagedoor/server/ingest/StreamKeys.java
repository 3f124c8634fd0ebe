package io.stagedoor.server.ingest;

import io.stagedoor.server.db.Sql;
import io.stagedoor.server.secrets.Sealed;
import io.stagedoor.server.secrets.ServerSecret;
import io.stagedoor.server.secrets.Tokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each event's secret stream key: made on first use, looked up on every publish, replaced on request. The database
 * keeps only the key's SHA-256 (to find the event on a publish) and a copy sealed with a key derived from the
 * server's secret (to show it to the organiser again), so a copy of the database alone lets nobody publish. Beside
 * the key, each event has a <em>links version</em> that the organiser's preview and health-page links are signed with:
 * it changes when the key is replaced or the links are renewed, and every link made before stops working.
 */
final class StreamKeys {

    private static final Logger log = LoggerFactory.getLogger(StreamKeys.class);

    /** Stream keys carry this prefix, so that one pasted into the wrong field is recognisable. */
    static final String PREFIX = "live_";

    /** How long a links version is remembered before the database is asked again: how long a renewal takes. */
    static final Duration VERSION_KEPT = Duration.ofSeconds(2);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** An event's key as its organiser sees it, and the version its links are signed with. */
    record Key(UUID eventId, String key, Instant createdAt, long linksVersion) {}

    private record Kept(long version, long atNanos) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final Sealed sealed;
    private final Map<UUID, Kept> versions = new ConcurrentHashMap<>();

    StreamKeys(Jdbi jdbi, Clock clock, ServerSecret secret) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.sealed = new Sealed(secret.derive("stream-keys"));
        sealKeysKeptReadable();
    }

    /** Keys stored readable by an earlier release are sealed, and their readable copy erased. */
    private void sealKeysKeptReadable() {
        jdbi.useTransaction(handle -> {
            var readable = handle.createQuery(
                            "SELECT event_id, stream_key FROM event_stream WHERE stream_key IS NOT NULL")
                    .map((rs, ctx) -> Map.entry(Sql.uuid(rs, "event_id"), rs.getString("stream_key")))
                    .list();
            for (var entry : readable) {
                handle.createUpdate("""
                                UPDATE event_stream SET key_hash = :hash, key_sealed = :sealed, stream_key = NULL
                                WHERE event_id = :event
                                """)
                        .bind("hash", Tokens.hash(entry.getValue()))
                        .bind("sealed", sealed.seal(entry.getValue()))
                        .bind("event", entry.getKey())
                        .execute();
            }
            if (!readable.isEmpty()) {
                log.info("Sealed {} stream key(s) that were stored readable", readable.size());
            }
        });
    }

    /** The event's key, made now if it has none. The caller has checked that the event is the caller's. */
    Key forEvent(Handle handle, UUID eventId) {
        var stored = handle.createQuery(
                        "SELECT key_sealed, key_created_at, links_version FROM event_stream WHERE event_id = :event")
                .bind("event", eventId)
                .map((rs, ctx) -> new Stored(
                        rs.getString("key_sealed"), Sql.instant(rs, "key_created_at"), rs.getLong("links_version")))
                .findOne();
        if (stored.isEmpty()) {
            var key = new Key(eventId, newKey(), clock.instant(), newVersion());
            handle.createUpdate("""
                            INSERT INTO event_stream (event_id, key_hash, key_sealed, key_created_at, links_version)
                            VALUES (:event, :hash, :sealed, :at, :version)
                            """)
                    .bind("event", eventId)
                    .bind("hash", Tokens.hash(key.key()))
                    .bind("sealed", sealed.seal(key.key()))
                    .bind("at", Sql.time(key.createdAt()))
                    .bind("version", key.linksVersion())
                    .execute();
            return key;
        }
        var sealedKey = stored.get().sealed();
        var opened = sealedKey == null ? Optional.<String>empty() : sealed.open(sealedKey);
        if (opened.isEmpty()) {
            // Sealed under another server secret (the secret file was replaced): nobody can read it, so a new one.
            log.warn("The stream key of event {} cannot be read with this server's secret; it is replaced", eventId);
            return rotate(handle, eventId);
        }
        return new Key(
                eventId, opened.get(), stored.get().createdAt(), stored.get().linksVersion());
    }

    private record Stored(@Nullable String sealed, Instant createdAt, long linksVersion) {}

    /** A new key for the event, and new links; the old ones stop working when the transaction commits. */
    Key rotate(Handle handle, UUID eventId) {
        forEventRow(handle, eventId);
        var key = new Key(eventId, newKey(), clock.instant(), newVersion());
        handle.createUpdate("""
                        UPDATE event_stream SET key_hash = :hash, key_sealed = :sealed, key_created_at = :at,
                            links_version = :version
                        WHERE event_id = :event
                        """)
                .bind("event", eventId)
                .bind("hash", Tokens.hash(key.key()))
                .bind("sealed", sealed.seal(key.key()))
                .bind("at", Sql.time(key.createdAt()))
                .bind("version", key.linksVersion())
                .execute();
        versions.remove(eventId);
        return key;
    }

    /** New preview and health-page links for the event; the key stays. */
    Key renewLinks(Handle handle, UUID eventId) {
        var key = forEvent(handle, eventId);
        long version = newVersion();
        handle.createUpdate("UPDATE event_stream SET links_version = :version WHERE event_id = :event")
                .bind("event", eventId)
                .bind("version", version)
                .execute();
        versions.remove(eventId);
        return new Key(eventId, key.key(), key.createdAt(), version);
    }

    /** Makes the event's row if it has none, so that an update has something to change. */
    private void forEventRow(Handle handle, UUID eventId) {
        boolean exists = handle.createQuery("SELECT COUNT(*) FROM event_stream WHERE event_id = :event")
                        .bind("event", eventId)
                        .mapTo(Integer.class)
                        .one()
                > 0;
        if (!exists) {
            forEvent(handle, eventId);
        }
    }

    /**
     * The version the event's preview and health links are signed with now, as known at most {@link #VERSION_KEPT}
     * ago; empty when the event has no stream key yet (so no links).
     */
    Optional<Long> linksVersion(UUID eventId) {
        long now = System.nanoTime();
        var kept = versions.get(eventId);
        if (kept != null && now - kept.atNanos() < VERSION_KEPT.toNanos()) {
            return Optional.of(kept.version());
        }
        var version = jdbi.withHandle(
                handle -> handle.createQuery("SELECT links_version FROM event_stream WHERE event_id = :event")
                        .bind("event", eventId)
                        .mapTo(Long.class)
                        .findOne());
        if (versions.size() > 100_000) {
            versions.clear();
        }
        version.ifPresent(v -> versions.put(eventId, new Kept(v, now)));
        return version;
    }

    /** The event a key belongs to, if it is a current key. */
    Optional<UUID> eventOf(String key) {
        if (!looksLikeKey(key)) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT event_id FROM event_stream WHERE key_hash = :hash")
                .bind("hash", Tokens.hash(key))
                .map((rs, ctx) -> Sql.uuid(rs, "event_id"))
                .findOne());
    }

    /** 256 random bits. */
    private static String newKey() {
        return PREFIX + Tokens.newSecret();
    }

    /** Random rather than counted, so that it never comes back to a value older links were signed with. */
    private static long newVersion() {
        return RANDOM.nextLong() & Long.MAX_VALUE;
    }

    static boolean looksLikeKey(String text) {
        return text.startsWith(PREFIX) && Tokens.looksLikeSecret(text.substring(PREFIX.length()));
    }
}
