package io.stagedoor.server.events;

import io.stagedoor.api.Page;
import io.stagedoor.api.events.EndedBy;
import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventChanges;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.events.PublicEvent;
import io.stagedoor.server.accounts.Caller;
import io.stagedoor.server.db.PageRequest;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.ConflictException;
import io.stagedoor.server.error.InputCheck;
import io.stagedoor.server.error.NotFoundException;
import io.stagedoor.server.secrets.Tokens;
import io.stagedoor.server.signals.Signal;
import io.stagedoor.server.signals.Signals;
import java.text.Normalizer;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Events and their showtime: created as drafts, published to go on sale, put on air by "Start show" (or by
 * themselves at the start time, when the organiser asked for that), ended by "End show" (or by the server once the
 * scheduled end has passed and the publisher is gone), reopened after a mistaken end; only by their own organiser.
 * Every change of status is {@linkplain Signal#EVENT_CHANGED signalled}, so that waiting viewers switch at once.
 */
public final class EventService {

    static final String DEFAULT_COLOUR = "#5B3CC4";
    static final int DEFAULT_DURATION_MINUTES = 120;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])");
    private static final Pattern COLOUR = Pattern.compile("#[0-9A-Fa-f]{6}");
    /** Addresses the server's own pages could want one day. */
    private static final Set<String> RESERVED_SLUGS = Set.of("api", "admin", "new", "events", "outbox", "assets");

    private final Jdbi jdbi;
    private final Clock clock;
    private final Signals signals;

    public EventService(Jdbi jdbi, Clock clock, Signals signals) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.signals = signals;
    }

    public Event create(Caller caller, EventDraft draft) {
        var check = new InputCheck();
        var title = check.text("title", draft.title(), 200);
        var description = check.optionalText("description", draft.description(), 10_000);
        var startsAt = checkStart(check, draft.startsAt());
        var zone = checkZone(check, draft.timeZone());
        int duration = draft.durationMinutes() == null
                ? DEFAULT_DURATION_MINUTES
                : check.between("durationMinutes", draft.durationMinutes(), 1, 10_080);
        var colour = checkColour(check, draft.brandColour());
        var requestedSlug = draft.slug() == null ? null : checkSlug(check, draft.slug());
        check.throwIfInvalid();

        var id = UUID.randomUUID();
        var now = clock.instant();
        return jdbi.inTransaction(handle -> {
            var slug =
                    requestedSlug != null ? requireFreeSlug(handle, requestedSlug, null) : freeSlugFor(handle, title);
            handle.createUpdate("""
                            INSERT INTO event (id, organiser_id, slug, title, description, starts_at, time_zone,
                                               duration_minutes, brand_colour, status, auto_start, created_at,
                                               updated_at)
                            VALUES (:id, :organiser, :slug, :title, :description, :startsAt, :zone, :duration,
                                    :colour, 'DRAFT', :autoStart, :now, :now)
                            """)
                    .bind("id", id)
                    .bind("organiser", caller.accountId())
                    .bind("slug", slug)
                    .bind("title", title)
                    .bind("description", description)
                    .bind("startsAt", Sql.time(startsAt))
                    .bind("zone", zone)
                    .bind("duration", duration)
                    .bind("colour", colour)
                    .bind("autoStart", Boolean.TRUE.equals(draft.autoStart()))
                    .bind("now", Sql.time(now))
                    .execute();
            return Events.owned(handle, caller, id, false).toApi();
        });
    }

    public Page<Event> list(Caller caller, PageRequest page) {
        return jdbi.withHandle(handle -> Events.page(
                handle,
                caller,
                page,
                EventRow.COLUMNS,
                (rs, ctx) -> EventRow.map(rs).toApi()));
    }

    public Event get(Caller caller, UUID eventId) {
        return jdbi.withHandle(
                handle -> Events.owned(handle, caller, eventId, false).toApi());
    }

    public Event update(Caller caller, UUID eventId, EventChanges changes) {
        var check = new InputCheck();
        var title = changes.title() == null ? null : check.text("title", changes.title(), 200);
        var description =
                changes.description() == null ? null : check.optionalText("description", changes.description(), 10_000);
        var startsAt = changes.startsAt() == null ? null : checkStart(check, changes.startsAt());
        var zone = changes.timeZone() == null ? null : checkZone(check, changes.timeZone());
        var duration = changes.durationMinutes() == null
                ? null
                : check.between("durationMinutes", changes.durationMinutes(), 1, 10_080);
        var colour = changes.brandColour() == null ? null : checkColour(check, changes.brandColour());
        var slug = changes.slug() == null ? null : checkSlug(check, changes.slug());
        check.throwIfInvalid();

        var updated = jdbi.inTransaction(handle -> {
            var event = Events.owned(handle, caller, eventId, true);
            if (event.status() == EventStatus.ENDED || event.status() == EventStatus.CANCELLED) {
                throw new ConflictException(
                        "event-closed",
                        "Event closed",
                        "The event is " + event.status().name().toLowerCase(Locale.ROOT)
                                + " and can no longer change.");
            }
            if (slug != null && !slug.equals(event.slug())) {
                if (event.status() != EventStatus.DRAFT) {
                    throw new ConflictException(
                            "slug-fixed",
                            "Address fixed",
                            "The event's public address cannot change once it is published: links to it are out.");
                }
                requireFreeSlug(handle, slug, eventId);
            }
            handle.createUpdate("""
                            UPDATE event SET title = :title, description = :description, starts_at = :startsAt,
                                time_zone = :zone, duration_minutes = :duration, brand_colour = :colour, slug = :slug,
                                auto_start = :autoStart, updated_at = :now
                            WHERE id = :id
                            """)
                    .bind("title", title != null ? title : event.title())
                    .bind("description", description != null ? description : event.description())
                    .bind("startsAt", Sql.time(startsAt != null ? startsAt : event.startsAt()))
                    .bind("zone", zone != null ? zone : event.timeZone())
                    .bind("duration", duration != null ? duration : event.durationMinutes())
                    .bind("colour", colour != null ? colour : event.brandColour())
                    .bind("slug", slug != null ? slug : event.slug())
                    .bind("autoStart", changes.autoStart() != null ? changes.autoStart() : event.autoStart())
                    .bind("now", Sql.time(clock.instant()))
                    .bind("id", eventId)
                    .execute();
            return Events.owned(handle, caller, eventId, false).toApi();
        });
        // The start time is on every waiting viewer's countdown.
        signals.send(Signal.EVENT_CHANGED, eventId);
        return updated;
    }

    /** Draft → on sale: the event's page becomes public and its tickets sell. */
    public Event publish(Caller caller, UUID eventId) {
        var published = jdbi.inTransaction(handle -> {
            var event = Events.owned(handle, caller, eventId, true);
            if (event.status() != EventStatus.DRAFT) {
                throw new ConflictException(
                        "not-a-draft",
                        "Already published",
                        "Only a draft can be published; this event is " + describe(event.status()) + ".");
            }
            int ticketTypes = handle.createQuery("SELECT COUNT(*) FROM ticket_type WHERE event_id = :id")
                    .bind("id", eventId)
                    .mapTo(Integer.class)
                    .one();
            if (ticketTypes == 0) {
                throw new ConflictException(
                        "no-ticket-types", "Nothing to sell", "Add at least one ticket type before publishing.");
            }
            move(handle, eventId, EventStatus.DRAFT, EventStatus.ON_SALE, null);
            return Events.owned(handle, caller, eventId, false).toApi();
        });
        signals.send(Signal.EVENT_CHANGED, eventId);
        return published;
    }

    /**
     * "Start show": on sale → live. Every ticket holder waiting for the show switches to the player at once; a stream
     * published before was a rehearsal. Starting a show that is on air already changes nothing.
     */
    public Event startShow(Caller caller, UUID eventId) {
        var started = jdbi.inTransaction(handle -> {
            var event = Events.owned(handle, caller, eventId, true);
            switch (event.status()) {
                case LIVE -> {
                    return event.toApi();
                }
                case ON_SALE -> {
                    move(handle, eventId, EventStatus.ON_SALE, EventStatus.LIVE, null);
                    return Events.owned(handle, caller, eventId, false).toApi();
                }
                case DRAFT ->
                    throw new ConflictException(
                            "show-not-published",
                            "Not published",
                            "A draft cannot go on air: publish the event first, so that it has ticket holders.");
                case ENDED ->
                    throw new ConflictException(
                            "show-ended", "Show ended", "The show has ended: reopen the event to go on air again.");
                case CANCELLED ->
                    throw new ConflictException(
                            "event-cancelled", "Event cancelled", "The event was cancelled and cannot go on air.");
            }
            throw new IllegalStateException("Unknown status " + event.status());
        });
        signals.send(Signal.EVENT_CHANGED, eventId);
        return started;
    }

    /** "End show": on sale or live → ended, by the organiser. Ticket holders are offered the replay. */
    public Event end(Caller caller, UUID eventId) {
        var ended = jdbi.inTransaction(handle -> {
            var event = Events.owned(handle, caller, eventId, true);
            if (!event.isOnSale()) {
                throw new ConflictException(
                        "not-running",
                        "Not running",
                        "Only an event that is on sale or live can be ended; this one is " + describe(event.status())
                                + ".");
            }
            move(handle, eventId, event.status(), EventStatus.ENDED, EndedBy.ORGANISER);
            return Events.owned(handle, caller, eventId, false).toApi();
        });
        signals.send(Signal.EVENT_CHANGED, eventId);
        return ended;
    }

    /**
     * Undoes an end (a mistaken end, an overrun): a show that had been on air is on air again, one that never was
     * is on sale again. The replay window counts from the next end.
     */
    public Event reopen(Caller caller, UUID eventId) {
        var reopened = jdbi.inTransaction(handle -> {
            var event = Events.owned(handle, caller, eventId, true);
            if (event.status() != EventStatus.ENDED) {
                throw new ConflictException(
                        "not-ended",
                        "Not ended",
                        "Only an ended event can be reopened; this one is " + describe(event.status()) + ".");
            }
            move(
                    handle,
                    eventId,
                    EventStatus.ENDED,
                    event.onAirAt() != null ? EventStatus.LIVE : EventStatus.ON_SALE,
                    null);
            return Events.owned(handle, caller, eventId, false).toApi();
        });
        signals.send(Signal.EVENT_CHANGED, eventId);
        return reopened;
    }

    /**
     * Puts on air every show on sale that asked to start by itself and whose start time has come. Returns their IDs.
     */
    public List<UUID> startDueShows() {
        var now = clock.instant();
        var due = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id FROM event WHERE status = 'ON_SALE' AND auto_start AND starts_at <= :now
                        """)
                .bind("now", Sql.time(now))
                .mapTo(UUID.class)
                .list());
        var started = due.stream()
                .filter(eventId -> jdbi.inTransaction(
                        handle -> move(handle, eventId, EventStatus.ON_SALE, EventStatus.LIVE, null)))
                .toList();
        started.forEach(eventId -> signals.send(Signal.EVENT_CHANGED, eventId));
        return started;
    }

    /**
     * Ends a show that is on air because its publisher is gone, but only once its scheduled end has passed: before
     * that, a lost connection is a break in the show, not its end. Returns whether it ended.
     */
    public boolean endAbandonedShow(UUID eventId) {
        var now = clock.instant();
        boolean ended = jdbi.inTransaction(handle -> {
            var event = Events.find(handle, eventId, true);
            if (event.isEmpty()
                    || event.get().status() != EventStatus.LIVE
                    || event.get().endsAt().isAfter(now)) {
                return false;
            }
            return move(handle, eventId, EventStatus.LIVE, EventStatus.ENDED, EndedBy.AUTOMATIC);
        });
        if (ended) {
            signals.send(Signal.EVENT_CHANGED, eventId);
        }
        return ended;
    }

    /** The shows on air whose scheduled end is before {@code moment}. */
    public List<UUID> onAirBefore(Instant moment) {
        return jdbi.withHandle(handle -> handle
                .createQuery("SELECT " + EventRow.COLUMNS
                        + " FROM event e WHERE e.status = 'LIVE' AND e.starts_at < :moment")
                .bind("moment", Sql.time(moment))
                .map((rs, ctx) -> EventRow.map(rs))
                .list()
                .stream()
                .filter(event -> event.endsAt().isBefore(moment))
                .map(EventRow::id)
                .toList());
    }

    /**
     * Moves an event from one status to another, keeping its showtime: the first move on air stamps {@code on_air_at},
     * a move to ended stamps when and by whom, and a move away from ended clears them. Returns false when the event
     * was no longer in {@code from}.
     */
    private boolean move(Handle handle, UUID eventId, EventStatus from, EventStatus to, @Nullable EndedBy by) {
        return handle.createUpdate("""
                                UPDATE event SET status = :to, updated_at = :now,
                                    on_air_at = CASE WHEN :to = 'LIVE' THEN COALESCE(on_air_at, :now)
                                        ELSE on_air_at END,
                                    ended_at = CASE WHEN :to = 'ENDED' THEN :now ELSE NULL END,
                                    ended_by = CASE WHEN :to = 'ENDED' THEN :by ELSE NULL END
                                WHERE id = :id AND status = :from
                                """)
                        .bind("to", to.name())
                        .bind("from", from.name())
                        .bind("by", by == null ? null : by.name())
                        .bind("now", Sql.time(clock.instant()))
                        .bind("id", eventId)
                        .execute()
                == 1;
    }

    private static String describe(EventStatus status) {
        return switch (status) {
            case DRAFT -> "a draft";
            case ON_SALE -> "on sale";
            case LIVE -> "on air";
            case ENDED -> "ended";
            case CANCELLED -> "cancelled";
        };
    }

    /** The event as stored, for flows that are not the organiser's (the ingest, playback); empty when there is none. */
    public Optional<EventRow> row(UUID eventId) {
        return jdbi.withHandle(handle -> Events.find(handle, eventId, false));
    }

    /** The event's status, for flows that are not the organiser's (the ingest); empty when there is no such event. */
    public Optional<EventStatus> status(UUID eventId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT status FROM event WHERE id = :id")
                .bind("id", eventId)
                .mapTo(String.class)
                .findOne()
                .map(EventStatus::valueOf));
    }

    /** The event's title, for pages that are not the organiser's (the stream's health page). */
    public Optional<String> title(UUID eventId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT title FROM event WHERE id = :id")
                .bind("id", eventId)
                .mapTo(String.class)
                .findOne());
    }

    /** A published event as anyone may see it; drafts do not exist for the public. */
    public PublicEvent publicEvent(String slug) {
        return jdbi.withHandle(handle -> {
            var event = published(handle, slug);
            var now = clock.instant();
            var ticketTypes = TicketTypeService.rows(handle, event.id()).stream()
                    .map(row -> row.toPublic(event, now))
                    .toList();
            return new PublicEvent(
                    event.slug(),
                    event.title(),
                    event.description(),
                    event.startsAt(),
                    event.timeZone(),
                    event.durationMinutes(),
                    event.brandColour(),
                    event.status(),
                    event.hasCover(),
                    ticketTypes);
        });
    }

    /** The published event {@code eventId} as anyone may see it, for the pages about its orders. */
    public PublicEvent publicEvent(UUID eventId) {
        var slug = jdbi.withHandle(handle -> handle.createQuery("SELECT slug FROM event WHERE id = :id")
                        .bind("id", eventId)
                        .mapTo(String.class)
                        .findOne())
                .orElseThrow(() -> Events.notFound(eventId));
        return publicEvent(slug);
    }

    /** The ID of the published event at {@code slug}, which buyers' pages place orders for. */
    public UUID publishedEventId(String slug) {
        return jdbi.withHandle(handle -> published(handle, slug).id());
    }

    private static EventRow published(Handle handle, String slug) {
        return handle.createQuery("SELECT " + EventRow.COLUMNS + " FROM event e WHERE e.slug = :slug")
                .bind("slug", slug.toLowerCase(Locale.ROOT))
                .map((rs, ctx) -> EventRow.map(rs))
                .findOne()
                .filter(e -> e.status() != EventStatus.DRAFT)
                .orElseThrow(() -> new NotFoundException("There is no published event at \"" + slug + "\"."));
    }

    private Instant checkStart(InputCheck check, @Nullable Instant startsAt) {
        if (check.present("startsAt", startsAt) == null) {
            return Instant.EPOCH;
        }
        var now = clock.instant();
        check.require(
                startsAt.isAfter(now.minus(Duration.ofDays(1)))
                        && startsAt.isBefore(now.plus(Duration.ofDays(5 * 366))),
                "startsAt",
                "must be between yesterday and five years from now");
        return startsAt;
    }

    private static String checkZone(InputCheck check, @Nullable String zone) {
        var text = check.text("timeZone", zone, 64);
        if (text.isEmpty()) {
            return "UTC";
        }
        try {
            return ZoneId.of(text).getId();
        } catch (DateTimeException e) {
            check.fail("timeZone", "must be an IANA time zone such as Europe/Vienna, was \"" + text + "\"");
            return "UTC";
        }
    }

    private static String checkColour(InputCheck check, @Nullable String colour) {
        if (colour == null || colour.isBlank()) {
            return DEFAULT_COLOUR;
        }
        check.require(COLOUR.matcher(colour.strip()).matches(), "brandColour", "must look like #5B3CC4");
        return colour.strip().toUpperCase(Locale.ROOT);
    }

    private static String checkSlug(InputCheck check, String slug) {
        var text = slug.strip().toLowerCase(Locale.ROOT);
        if (!SLUG.matcher(text).matches()) {
            check.fail(
                    "slug",
                    "must be 3 to 60 lower-case letters, digits and hyphens, starting and ending with a"
                            + " letter or digit");
        } else if (RESERVED_SLUGS.contains(text)) {
            check.fail("slug", "\"" + text + "\" is reserved; choose another");
        }
        return text;
    }

    private static String requireFreeSlug(Handle handle, String slug, @Nullable UUID except) {
        boolean taken = handle.createQuery("SELECT COUNT(*) FROM event WHERE slug = :slug AND id <> :except")
                        .bind("slug", slug)
                        .bind("except", except == null ? new UUID(0, 0) : except)
                        .mapTo(Integer.class)
                        .one()
                > 0;
        if (taken) {
            throw new ConflictException(
                    "slug-taken", "Address taken", "Another event uses the address \"" + slug + "\"; choose another.");
        }
        return slug;
    }

    /** A readable, unused address made from the title, e.g. {@code summer-gala-2026}. */
    static String freeSlugFor(Handle handle, String title) {
        var base = slugOf(title);
        var candidate = base;
        for (int attempt = 0; attempt < 10; attempt++) {
            int uses = handle.createQuery("SELECT COUNT(*) FROM event WHERE slug = :slug")
                    .bind("slug", candidate)
                    .mapTo(Integer.class)
                    .one();
            if (uses == 0 && !RESERVED_SLUGS.contains(candidate)) {
                return candidate;
            }
            candidate = base + "-"
                    + Tokens.newSecret()
                            .substring(0, 5)
                            .toLowerCase(Locale.ROOT)
                            .replace('_', 'x')
                            .replace('-', 'y');
        }
        throw new ConflictException("slug-taken", "Address taken", "Choose an address (slug) for this event.");
    }

    /** Letters that have no decomposition into a base letter and accents. */
    private static String transliterate(String text) {
        return text.replace("ß", "ss")
                .replace("ẞ", "SS")
                .replace("æ", "ae")
                .replace("Æ", "AE")
                .replace("œ", "oe")
                .replace("Œ", "OE")
                .replace("ø", "o")
                .replace("Ø", "O")
                .replace("ł", "l")
                .replace("Ł", "L")
                .replace("đ", "d")
                .replace("Đ", "D")
                .replace("þ", "th")
                .replace("Þ", "TH");
    }

    static String slugOf(String title) {
        var ascii =
                Normalizer.normalize(transliterate(title), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        var slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 50) {
            slug = slug.substring(0, 50).replaceAll("-+$", "");
        }
        return slug.length() < 3 ? "event" + (slug.isEmpty() ? "" : "-" + slug) : slug;
    }
}
