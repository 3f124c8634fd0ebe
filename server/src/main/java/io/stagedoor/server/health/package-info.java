/** The server's own health: version, uptime, database. */
@NullMarked
package io.stagedoor.server.health;

import org.jspecify.annotations.NullMarked;
