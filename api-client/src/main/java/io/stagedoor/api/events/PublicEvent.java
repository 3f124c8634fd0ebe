package io.stagedoor.api.events;

import java.time.Instant;
import java.util.List;

/** An event as anyone may see it once it is published, with what is on sale. */
public record PublicEvent(
        String slug,
        String title,
        String description,
        Instant startsAt,
        String timeZone,
        int durationMinutes,
        String brandColour,
        EventStatus status,
        boolean hasCover,
        List<PublicTicketType> ticketTypes) {}
