/** Server-sent event streams, shared by the features that push to pages and clients. */
@NullMarked
package io.stagedoor.server.sse;

import org.jspecify.annotations.NullMarked;
