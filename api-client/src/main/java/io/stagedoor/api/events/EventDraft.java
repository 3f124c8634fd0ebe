package io.stagedoor.api.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/events}.
 *
 * @param startsAt when it starts, e.g. {@code 2026-12-12T20:00:00+01:00}
 * @param timeZone the IANA time zone the event is announced in, e.g. {@code Europe/Vienna}
 * @param brandColour {@code #RRGGBB}; the default is Stagedoor's purple
 * @param slug the event's public address ({@code /e/<slug>}): lower-case letters, digits and hyphens; made from
 *     the title when not given
 * @param autoStart go on air by itself at {@code startsAt} (default false: only "Start show" puts it on air)
 */
public record EventDraft(
        @Nullable String title,
        @Nullable String description,
        @Nullable Instant startsAt,
        @Nullable String timeZone,
        @Nullable Integer durationMinutes,
        @Nullable String brandColour,
        @Nullable String slug,
        @Nullable Boolean autoStart) {

    /** An event that goes on air only by "Start show". */
    public EventDraft(
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
