package io.stagedoor.api.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event as its organiser sees it.
 *
 * @param status draft → on sale (rehearsals are seen by the organiser only) → live (on air: ticket holders watch) →
 *     ended, or cancelled
 * @param autoStart whether the show goes on air by itself at {@code startsAt}; otherwise only "Start show" does
 * @param onAirAt when the show first went on air; null while it never has
 * @param endedAt when the show ended; null unless it has
 * @param endedBy who ended it; null unless it has ended
 */
public record Event(
        UUID id,
        String slug,
        String title,
        String description,
        Instant startsAt,
        String timeZone,
        int durationMinutes,
        String brandColour,
        EventStatus status,
        boolean hasCover,
        boolean autoStart,
        @Nullable Instant onAirAt,
        @Nullable Instant endedAt,
        @Nullable EndedBy endedBy,
        Instant createdAt,
        Instant updatedAt) {}
