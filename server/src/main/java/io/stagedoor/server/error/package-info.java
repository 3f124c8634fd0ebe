/** The server's exception family: each failure a caller can cause, with the HTTP status and problem type it becomes. */
@NullMarked
package io.stagedoor.server.error;

import org.jspecify.annotations.NullMarked;
