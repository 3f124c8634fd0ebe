/** E-mail: messages written to a transactional outbox and delivered by a background worker over SMTP. */
@NullMarked
package io.stagedoor.server.mail;

import org.jspecify.annotations.NullMarked;
