/** The server the studio runs in-process, so that one command gives a working product. */
@NullMarked
package io.stagedoor.app.localserver;

import org.jspecify.annotations.NullMarked;
