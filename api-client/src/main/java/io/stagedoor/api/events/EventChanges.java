package io.stagedoor.api.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code PATCH /api/v1/events/{eventId}}: the fields given are changed, the others kept.
 *
 * @param autoStart go on air by itself at {@code startsAt}
 */
public record EventChanges(
        @Nullable String title,
        @Nullable String description,
        @Nullable Instant startsAt,
        @Nullable String timeZone,
        @Nullable Integer durationMinutes,
        @Nullable String brandColour,
        @Nullable String slug,
        @Nullable Boolean autoStart) {

    /** Changes that leave {@code autoStart} as it is. */
    public EventChanges(
            @Nullable String title,
            @Nullable String description,
            @Nullable Instant startsAt,
            @Nullable String timeZone,
            @Nullable Integer durationMinutes,
            @Nullable String brandColour,
            @Nullable String slug) {
        this(title, description, startsAt, timeZone, durationMinutes, brandColour, slug, null);
    }
}
