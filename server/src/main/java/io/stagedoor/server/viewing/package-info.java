/**
 * Watching with a ticket: when its holder may watch ({@link io.stagedoor.server.viewing.AccessWindow}), the one
 * viewing session a ticket has at a time and the playback tokens made for it
 * ({@link io.stagedoor.server.viewing.ViewingService}), and the viewer's pages that drive them
 * ({@link io.stagedoor.server.viewing.WatchPages}).
 */
@NullMarked
package io.stagedoor.server.viewing;

import org.jspecify.annotations.NullMarked;
