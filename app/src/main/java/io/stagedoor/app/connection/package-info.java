/** Connecting the studio to a Stagedoor server and showing its health. */
@NullMarked
package io.stagedoor.app.connection;

import org.jspecify.annotations.NullMarked;
