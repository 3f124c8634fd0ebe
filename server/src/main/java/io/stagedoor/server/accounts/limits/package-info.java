/**
 * What keeps a hostile Internet from hurting accounts: throttles on failed sign-ins and on sign-ups, counted per
 * client address before any password is hashed, and the bounded number of password hashes computed at once. All kept
 * in memory, in bounded space.
 */
@NullMarked
package io.stagedoor.server.accounts.limits;

import org.jspecify.annotations.NullMarked;
