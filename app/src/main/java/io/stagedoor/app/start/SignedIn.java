package io.stagedoor.app.start;

import io.stagedoor.api.accounts.Account;
import io.stagedoor.client.StagedoorClient;

/**
 * The start flow's result.
 *
 * @param client signed in; the receiver owns it and closes it
 * @param account the organiser
 * @param server the token store's name for the server ({@link StartViewModel#LOCAL} or its address)
 * @param serverLabel how to name the server on screen
 */
public record SignedIn(StagedoorClient client, Account account, String server, String serverLabel) {}
