/**
 * Live ingest: stream keys, the publishing sessions that RTMP connections open, the HLS packager each stream runs,
 * and the health measured on the way.
 */
@NullMarked
package io.stagedoor.server.ingest;

import org.jspecify.annotations.NullMarked;
