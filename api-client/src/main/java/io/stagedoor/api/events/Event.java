package io.stagedoor.api.events;

import java.time.Instant;
import java.util.UUID;

/** An event as its organiser sees it. */
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
        Instant createdAt,
        Instant updatedAt) {}
