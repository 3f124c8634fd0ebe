package io.stagedoor.server.sales;

import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.ConflictException;
import io.stagedoor.server.error.InvalidInputException;
import io.stagedoor.server.error.UnprocessableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * {@code Idempotency-Key} support: the first answer to a key is stored and replayed for every retry with the same
 * request, so a buyer whose connection dropped mid-checkout does not buy twice. A key reused for a different
 * request is refused; a key whose first request is still running answers 409 until it finishes. Answers are
 * kept for a day.
 */
final class Idempotency {

    /** A first request that never finished (its server died) is given up on after this long. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    static final Duration KEPT_FOR = Duration.ofDays(1);
    static final int MAX_KEY_LENGTH = 200;

    /** A stored answer. */
    record Answer(int status, String body) {}

    private final Jdbi jdbi;
    private final Clock clock;

    Idempotency(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    static String checkKey(String key) {
        var trimmed = key.strip();
        if (trimmed.isEmpty()
                || trimmed.length() > MAX_KEY_LENGTH
                || !trimmed.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw InvalidInputException.of(
                    "Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters, e.g. a UUID");
        }
        return trimmed;
    }

    /**
     * Claims a key for a new request, or returns the stored answer of an earlier identical one.
     *
     * @throws UnprocessableException when the key was used for a different request
     * @throws ConflictException when the first request with this key is still running
     */
    Optional<Answer> claim(String scope, String key, String requestHash) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                jdbi.useHandle(handle -> handle.createUpdate("""
                                INSERT INTO idempotent_request (scope, idempotency_key, request_hash, created_at)
                                VALUES (:scope, :key, :hash, :now)
                                """)
                        .bind("scope", scope)
                        .bind("key", key)
                        .bind("hash", requestHash)
                        .bind("now", Sql.time(clock.instant()))
                        .execute());
                return Optional.empty();
            } catch (RuntimeException e) {
                if (!Sql.isUniqueViolation(e)) {
                    throw e;
                }
            }
            var earlier = jdbi.withHandle(handle -> handle.createQuery("""
                                    SELECT r.request_hash, r.response_status, r.response_body, r.created_at,
                                        o.reference AS order_reference
                                    FROM idempotent_request r
                                    LEFT JOIN orders o ON o.id = r.order_id AND o.status <> 'CANCELLED'
                                    WHERE r.scope = :scope AND r.idempotency_key = :key
                                    """)
                            .bind("scope", scope)
                            .bind("key", key)
                            .map((rs, ctx) -> new Earlier(
                                    rs.getString("request_hash"),
                                    Sql.nullableInt(rs, "response_status"),
                                    rs.getString("response_body"),
                                    Sql.instant(rs, "created_at"),
                                    rs.getString("order_reference")))
                            .findOne())
                    .orElse(null);
            if (earlier == null) {
                continue; // released in the meantime: claim again
            }
            if (!earlier.requestHash().equals(requestHash)) {
                throw new UnprocessableException(
                        "idempotency-key-reused",
                        "Idempotency-Key reused",
                        "This Idempotency-Key was used for a different request. Use a new key for a new purchase.");
            }
            if (earlier.status() != null) {
                return Optional.of(new Answer(earlier.status(), earlier.body() == null ? "" : earlier.body()));
            }
            if (earlier.orderReference() != null) {
                // The order was placed but its answer never stored: buying again could sell the buyer a second set
                // of seats, or tell them "sold out" for seats they hold.
                throw new ConflictException(
                        "order-answer-lost",
                        "Order placed, answer lost",
                        "A purchase with this Idempotency-Key was placed (order " + earlier.orderReference()
                                + "), but its answer was lost. Do not buy again: once it is paid its tickets come by"
                                + " e-mail, and the event page's \"Lost your ticket link?\" sends them again.");
            }
            if (earlier.createdAt().plus(ABANDONED_AFTER).isBefore(clock.instant())) {
                release(scope, key);
                continue;
            }
            throw new ConflictException(
                    "request-in-progress",
                    "Request in progress",
                    "A request with this Idempotency-Key is still being processed; retry in a few seconds.");
        }
        throw new ConflictException(
                "request-in-progress", "Request in progress", "Retry in a few seconds with the same Idempotency-Key.");
    }

    /** Notes, in the transaction that places it, which order the request with this key placed. */
    static void placed(Handle handle, String scope, String key, UUID orderId) {
        handle.createUpdate("""
                        UPDATE idempotent_request SET order_id = :order WHERE scope = :scope AND idempotency_key = :key
                        """)
                .bind("order", orderId)
                .bind("scope", scope)
                .bind("key", key)
                .execute();
    }

    /**
     * Stores the answer to the request with this key. Tried a few times: once an order is placed, a key whose answer
     * is missing answers "placed, answer lost" for ever rather than being claimed again.
     */
    void complete(String scope, String key, int status, String body) {
        for (int attempt = 1; ; attempt++) {
            try {
                store(scope, key, status, body);
                return;
            } catch (RuntimeException e) {
                if (attempt >= 3) {
                    throw e;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void store(String scope, String key, int status, String body) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE idempotent_request SET response_status = :status, response_body = :body
                        WHERE scope = :scope AND idempotency_key = :key
                        """)
                .bind("status", status)
                .bind("body", body)
                .bind("scope", scope)
                .bind("key", key)
                .execute());
    }

    /**
     * Forgets a key whose request failed in a way a retry may fix (a provider outage), so that it can retry; unless
     * it placed an order that stands, which a retry must not place again.
     */
    void release(String scope, String key) {
        jdbi.useHandle(handle ->
                handle.createUpdate("""
                        DELETE FROM idempotent_request WHERE scope = :scope AND idempotency_key = :key
                            AND (order_id IS NULL OR order_id IN (SELECT id FROM orders WHERE status = 'CANCELLED'))
                        """).bind("scope", scope).bind("key", key).execute());
    }

    int purgeExpired() {
        return jdbi.withHandle(
                handle -> handle.createUpdate("DELETE FROM idempotent_request WHERE created_at < :cutoff")
                        .bind("cutoff", Sql.time(clock.instant().minus(KEPT_FOR)))
                        .execute());
    }

    private record Earlier(
            String requestHash,
            @Nullable Integer status,
            @Nullable String body,
            Instant createdAt,
            @Nullable String orderReference) {}
}
