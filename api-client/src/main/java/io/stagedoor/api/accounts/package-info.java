/** Organiser accounts, sessions and platform settings. */
@NullMarked
package io.stagedoor.api.accounts;

import org.jspecify.annotations.NullMarked;
