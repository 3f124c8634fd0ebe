package io.stagedoor.server.testing;

import io.stagedoor.api.accounts.SignInRequest;
import io.stagedoor.api.accounts.SignUpRequest;
import io.stagedoor.api.events.Event;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.client.StagedoorClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Signed-in organisers for tests, each with an address of its own. */
public final class Organisers {

    public static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Organisers() {}

    /** Signs up a new organiser and returns a client signed in as them. */
    public static StagedoorClient signedIn(URI server, String name) {
        var email = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".") + "." + COUNTER.incrementAndGet()
                + "@example.org";
        var client = StagedoorClient.builder(server).build();
        client.accounts().signUp(new SignUpRequest(email, PASSWORD, name));
        client.accounts().signIn(new SignInRequest(email, PASSWORD));
        return client;
    }

    /** A published event of the organiser's, starting in an hour, with one ticket type for the live stream. */
    public static Event eventOnSale(StagedoorClient organiser, String title) {
        var event = organiser
                .events()
                .create(new EventDraft(
                        title,
                        "Live.",
                        Instant.now().plus(Duration.ofHours(1)),
                        "Europe/Vienna",
                        120,
                        "#224466",
                        null));
        organiser
                .ticketTypes()
                .create(
                        event.id(),
                        new TicketTypeDraft(
                                "Stream", 1000L, "EUR", 100, null, null, new TicketAccess(true, 48, false, 0)));
        return organiser.events().publish(event.id());
    }
}
