package io.stagedoor.server.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.server.error.NotFoundException;
import io.stagedoor.server.http.LogSafe;
import io.stagedoor.server.local.LocalOnly;
import io.stagedoor.server.mail.OutboxWorker;
import io.stagedoor.server.templates.Templates;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The HTML pages for viewers, and the local outbox. The buyer's pages are {@link PurchasePages}. */
public final class ViewerPages {

    private static final DateTimeFormatter KEPT = DateTimeFormatter.ofPattern("d MMM, HH:mm:ss", Locale.UK);

    /** A page that only says something. */
    public record Message(String heading, List<String> paragraphs) {}

    /** The local outbox. */
    public record OutboxPage(List<OutboxEntry> messages) {}

    /** One kept e-mail. */
    public record OutboxEntry(String recipient, String subject, String url, String kept) {}

    private final @Nullable OutboxWorker localOutbox;

    /** @param localOutbox the outbox to show, when this server keeps mail instead of sending it */
    public ViewerPages(@Nullable OutboxWorker localOutbox) {
        this.localOutbox = localOutbox;
    }

    public void register(RoutesConfig routes) {
        if (localOutbox != null) {
            routes.get("/outbox", this::outboxPage);
            routes.get("/outbox/{id}", this::outboxMessage);
        }
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

    /**
     * The outbox holds ticket links: only someone at this machine, not behind a proxy, may read it, and only at a
     * loopback name, so that a page elsewhere that makes its own name resolve to this machine cannot.
     */
    private static void requireLocal(Context ctx) {
        if (!LocalOnly.allows(ctx)) {
            throw new NotFoundException("There is no GET " + LogSafe.path(ctx.path()) + " on this server.");
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
