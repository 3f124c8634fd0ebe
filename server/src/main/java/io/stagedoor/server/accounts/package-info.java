/** Organiser accounts: sign-up, sign-in with throttling, bearer sessions, and who the caller is. */
@NullMarked
package io.stagedoor.server.accounts;

import org.jspecify.annotations.NullMarked;
