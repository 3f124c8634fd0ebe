/** Unguessable tokens and their one-way hashes: session tokens, ticket links, order links. */
@NullMarked
package io.stagedoor.server.secrets;

import org.jspecify.annotations.NullMarked;
