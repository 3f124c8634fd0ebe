/** The HTTP API: the route table under {@code /api/v1}, JSON mapping, and the one place that turns failures into RFC 9457 problem details. */
@NullMarked
package io.stagedoor.server.http;

import org.jspecify.annotations.NullMarked;
