/** Bounds on how much costly work runs at once, shared by the features that have such work. */
@NullMarked
package io.stagedoor.server.limits;

import org.jspecify.annotations.NullMarked;
