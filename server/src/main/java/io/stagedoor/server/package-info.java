/** The Stagedoor server: its composition root ({@link io.stagedoor.server.StagedoorServer}) and command line ({@link io.stagedoor.server.ServerMain}). */
@NullMarked
package io.stagedoor.server;

import org.jspecify.annotations.NullMarked;
