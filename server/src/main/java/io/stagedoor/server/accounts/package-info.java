/**
 * Organiser accounts: sign-up as the registration mode allows (approvals, invitations, the first administrator's
 * setup code), sign-in, bearer sessions, and who the caller is. The limits that protect them are in {@code limits}.
 */
@NullMarked
package io.stagedoor.server.accounts;

import org.jspecify.annotations.NullMarked;
