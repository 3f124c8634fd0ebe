/**
 * Unguessable tokens and their one-way hashes (session tokens, ticket links, order links), the server's own secret
 * kept outside the database, and what is sealed with keys derived from it.
 */
@NullMarked
package io.stagedoor.server.secrets;

import org.jspecify.annotations.NullMarked;
