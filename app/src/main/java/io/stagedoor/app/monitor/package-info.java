/** The technician monitor: the server's view of an event's stream beside this machine's encoder, with alerts. */
@NullMarked
package io.stagedoor.app.monitor;

import org.jspecify.annotations.NullMarked;
