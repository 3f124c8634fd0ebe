/** The way into the studio: choosing a server, signing in, the first-run guide, and where sessions are kept. */
@NullMarked
package io.stagedoor.app.start;

import org.jspecify.annotations.NullMarked;
