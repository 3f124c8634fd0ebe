/**
 * How the parts of the server tell each other that something changed, by ID only (the receiver looks the rest up):
 * an event's show started or ended, so that waiting viewers' pages and the ingest act at once instead of at their
 * next poll. In one process for now; the seam where several nodes would use PostgreSQL's {@code LISTEN/NOTIFY}.
 */
@NullMarked
package io.stagedoor.server.signals;

import org.jspecify.annotations.NullMarked;
