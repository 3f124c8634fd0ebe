/** Server settings: the commented defaults file, overrides from a file, the environment and flags, loaded into validated records. */
@NullMarked
package io.stagedoor.server.config;

import org.jspecify.annotations.NullMarked;
