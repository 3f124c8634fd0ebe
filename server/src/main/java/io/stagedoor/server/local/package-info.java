/** What only someone at this machine may read: the check behind the local outbox and metrics. */
@NullMarked
package io.stagedoor.server.local;

import org.jspecify.annotations.NullMarked;
