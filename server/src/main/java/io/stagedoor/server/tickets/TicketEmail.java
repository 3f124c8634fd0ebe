package io.stagedoor.server.tickets;

import io.stagedoor.server.config.PublicUrl;
import io.stagedoor.server.mail.Ics;
import io.stagedoor.server.mail.OutgoingMessage;
import io.stagedoor.server.money.Currencies;
import io.stagedoor.server.templates.Templates;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The e-mail that delivers tickets: for each ticket a Watch button (the link with the ticket's secret) and its
 * ticket ID, the start time in the event's time zone, and a calendar entry.
 */
public final class TicketEmail {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu, HH:mm", Locale.UK);

    /** What the template shows; all text is escaped by the template. */
    public record Model(
            String subject,
            String eventTitle,
            String brandColour,
            String startsAt,
            String buyerName,
            String orderReference,
            String total,
            List<Link> tickets,
            String eventUrl,
            boolean resent) {}

    /** One ticket's button and ID. */
    public record Link(String code, String ticketTypeName, String watchUrl) {}

    /** The event as the e-mail describes it. */
    public record EventFacts(
            UUID id,
            String slug,
            String title,
            String brandColour,
            Instant startsAt,
            String timeZone,
            int durationMinutes) {}

    /** The order as the e-mail describes it. */
    public record OrderFacts(
            UUID id, String reference, String buyerName, String buyerEmail, String currency, long totalMinor) {}

    private TicketEmail() {}

    public static OutgoingMessage compose(
            EventFacts event,
            OrderFacts order,
            List<IssuedTicket> tickets,
            PublicUrl publicUrl,
            Instant now,
            boolean resent) {
        var startsAt = startTime(event.startsAt(), event.timeZone());
        var links = tickets.stream()
                .map(t -> new Link(
                        t.code(),
                        t.ticketTypeName(),
                        publicUrl.resolve("t/" + t.secret()).toString()))
                .toList();
        var eventUrl = publicUrl.resolve("e/" + event.slug()).toString();
        var subject = (resent ? "Your tickets again: " : "Your tickets: ") + event.title();
        var model = new Model(
                subject,
                event.title(),
                event.brandColour(),
                startsAt,
                order.buyerName(),
                order.reference(),
                Currencies.format(order.totalMinor(), order.currency(), Locale.UK),
                links,
                eventUrl,
                resent);
        var calendar = Ics.event(
                event.id(),
                event.title(),
                event.startsAt(),
                event.startsAt().plusSeconds(event.durationMinutes() * 60L),
                "Watch with your ticket link from the e-mail for order " + order.reference() + ".",
                publicUrl.resolve("e/" + event.slug()),
                now);
        return new OutgoingMessage(
                "tickets",
                order.buyerEmail(),
                subject,
                text(model),
                Templates.render("mail/tickets.jte", model),
                new OutgoingMessage.Attachment("event.ics", "text/calendar; charset=UTF-8; method=PUBLISH", calendar),
                order.id());
    }

    /** E.g. {@code Saturday 12 December 2026, 20:00 (Central European Time, Europe/Vienna)}. */
    public static String startTime(Instant startsAt, String timeZone) {
        var zone = ZoneId.of(timeZone);
        var local = startsAt.atZone(zone);
        var zoneName = zone.getDisplayName(TextStyle.FULL, Locale.UK);
        return WHEN.format(local) + " (" + (zoneName.equals(timeZone) ? timeZone : zoneName + ", " + timeZone) + ")";
    }

    private static String text(Model model) {
        var text = new StringBuilder()
                .append("Hello ")
                .append(model.buyerName())
                .append(",\n\n")
                .append(model.resent() ? "Here are your tickets again for " : "Thank you! Here are your tickets for ")
                .append(model.eventTitle())
                .append(".\n\n")
                .append("Starts: ")
                .append(model.startsAt())
                .append("\n")
                .append("Order: ")
                .append(model.orderReference())
                .append(" (")
                .append(model.total())
                .append(")\n\n");
        for (var ticket : model.tickets()) {
            text.append(ticket.ticketTypeName())
                    .append(", ticket ID ")
                    .append(ticket.code())
                    .append("\n")
                    .append("Watch: ")
                    .append(ticket.watchUrl())
                    .append("\n\n");
        }
        return text.append("Each link is your ticket: it plays on one device at a time, so keep it to yourself.\n")
                .append(model.resent() ? "Links sent to you earlier no longer work.\n" : "")
                .append("\nEvent page: ")
                .append(model.eventUrl())
                .append("\n")
                .toString();
    }
}
