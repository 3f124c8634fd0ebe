package io.stagedoor.app.start;

import io.stagedoor.api.accounts.Account;
import io.stagedoor.api.events.Event;
import io.stagedoor.client.StagedoorClient;
import org.jspecify.annotations.Nullable;

/**
 * The start flow's result.
 *
 * @param client signed in; the receiver owns it and closes it
 * @param account the organiser
 * @param server the token store's name for the server ({@link StartViewModel#LOCAL} or its address)
 * @param serverLabel how to name the server on screen
 * @param event the event the workspace opens on: the first-run guide's sample event; null for none
 */
public record SignedIn(
        StagedoorClient client,
        Account account,
        String server,
        String serverLabel,
        @Nullable Event event) {

    /** Signed in, with no event to open on. */
    public SignedIn(StagedoorClient client, Account account, String server, String serverLabel) {
        this(client, account, server, serverLabel, null);
    }

    /** The same, opening the workspace on {@code opened}. */
    SignedIn openingOn(Event opened) {
        return new SignedIn(client, account, server, serverLabel, opened);
    }
}
