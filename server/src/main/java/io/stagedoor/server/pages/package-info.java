/**
 * Server-rendered pages for buyers and viewers: the event page, the ticket page behind an e-mailed link, the pages
 * a payment provider returns to, and the local outbox. Every page is escaped by its template.
 */
@NullMarked
package io.stagedoor.server.pages;

import org.jspecify.annotations.NullMarked;
