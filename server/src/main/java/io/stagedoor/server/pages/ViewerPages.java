package io.stagedoor.server.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.stagedoor.api.events.EventStatus;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.server.error.NotFoundException;
import io.stagedoor.server.events.EventService;
import io.stagedoor.server.mail.OutboxWorker;
import io.stagedoor.server.money.Currencies;
import io.stagedoor.server.templates.Templates;
import io.stagedoor.server.tickets.TicketEmail;
import io.stagedoor.server.tickets.TicketService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The HTML pages for buyers and viewers, and the local outbox. */
public final class ViewerPages {

    private static final DateTimeFormatter KEPT = DateTimeFormatter.ofPattern("d MMM, HH:mm:ss", Locale.UK);

    /** A page that only says something. */
    public record Message(String heading, List<String> paragraphs) {}

    /** The public page of an event. */
    public record EventPage(
            String title,
            String brandColour,
            String startsAt,
            String duration,
            String description,
            @Nullable String coverUrl,
            boolean cancelled,
            List<TicketRow> tickets) {}

    /** A ticket type on the event page. */
    public record TicketRow(String name, String price, String availability, String access) {}

    /** The local outbox. */
    public record OutboxPage(List<OutboxEntry> messages) {}

    /** One kept e-mail. */
    public record OutboxEntry(String recipient, String subject, String url, String kept) {}

    private final EventService events;
    private final TicketService tickets;
    private final @Nullable OutboxWorker localOutbox;

    /** @param localOutbox the outbox to show, when this server keeps mail instead of sending it */
    public ViewerPages(EventService events, TicketService tickets, @Nullable OutboxWorker localOutbox) {
        this.events = events;
        this.tickets = tickets;
        this.localOutbox = localOutbox;
    }

    public void register(RoutesConfig routes) {
        routes.get("/e/{slug}", this::eventPage);
        routes.get(
                "/orders/{orderId}/paid",
                ctx -> message(
                        ctx,
                        200,
                        "Thank you",
                        "Your payment went through. Your tickets are on their way by e-mail: each one has its own Watch link.",
                        "If nothing arrives within a few minutes, check your spam folder, or ask the organiser to send the"
                                + " tickets again."));
        routes.get(
                "/orders/{orderId}/cancelled",
                ctx -> message(
                        ctx,
                        200,
                        "Payment cancelled",
                        "Nothing was charged. The seats held for you are released shortly; you can start again from the"
                                + " event page."));
        if (localOutbox != null) {
            routes.get("/outbox", this::outboxPage);
            routes.get("/outbox/{id}", this::outboxMessage);
        }
    }

    private void eventPage(Context ctx) {
        var event = events.publicEvent(ctx.pathParam("slug"));
        var rows = event.ticketTypes().stream()
                .map(t -> new TicketRow(
                        t.name(),
                        t.priceMinor() == 0 ? "Free" : Currencies.format(t.priceMinor(), t.currency(), Locale.UK),
                        t.onSaleNow() ? t.available() + " left" : t.available() == 0 ? "Sold out" : "Not on sale now",
                        describe(t.access())))
                .toList();
        var page = new EventPage(
                event.title(),
                event.brandColour(),
                TicketEmail.startTime(event.startsAt(), event.timeZone()),
                event.durationMinutes() + " minutes",
                event.description(),
                event.hasCover() ? "/api/v1/public/events/" + event.slug() + "/cover" : null,
                event.status() == EventStatus.CANCELLED,
                event.status() == EventStatus.CANCELLED ? List.of() : rows);
        ctx.header("Cache-Control", "public, max-age=30").html(Templates.render("pages/event.jte", page));
    }

    private void outboxPage(Context ctx) {
        requireLocal(ctx);
        var entries = Objects.requireNonNull(localOutbox).kept(100).stream()
                .map(m -> new OutboxEntry(
                        m.recipient(),
                        m.subject(),
                        "/outbox/" + m.id(),
                        KEPT.format(m.createdAt().atZone(ZoneId.systemDefault()))))
                .toList();
        ctx.header("Cache-Control", "no-store").html(Templates.render("pages/outbox.jte", new OutboxPage(entries)));
    }

    private void outboxMessage(Context ctx) {
        requireLocal(ctx);
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("There is no such message.");
        }
        var message = Objects.requireNonNull(localOutbox)
                .keptMessage(id)
                .orElseThrow(() -> new NotFoundException("There is no such message."));
        ctx.header("Cache-Control", "no-store")
                .header(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:")
                .html(message.html());
    }

    /** The outbox holds ticket links: only someone at this machine, not behind a proxy, may read it. */
    private static void requireLocal(Context ctx) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback || ctx.header("X-Forwarded-For") != null || ctx.header("Forwarded") != null) {
            throw new NotFoundException("There is no GET " + ctx.path() + " on this server.");
        }
    }

    /** A page that only says something, with its status. */
    public static void message(Context ctx, int status, String heading, String... paragraphs) {
        ctx.status(status).html(Templates.render("pages/message.jte", new Message(heading, List.of(paragraphs))));
    }

    /** What a ticket type grants, in words. */
    public static String describe(TicketAccess access) {
        var parts = new ArrayList<String>();
        if (access.live()) {
            parts.add(
                    access.replayHours() > 0
                            ? "Live, then the replay for " + access.replayHours() + " hours after the end"
                            : "Live");
        }
        if (access.onDemand()) {
            parts.add("On demand for " + access.rentalHours() + " hours from the first play");
        }
        return String.join("; ", parts);
    }
}
