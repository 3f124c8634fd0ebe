/** An event's outgoing e-mail as its organiser sees it: what was sent, what waits, what failed and why. */
@NullMarked
package io.stagedoor.api.mail;

import org.jspecify.annotations.NullMarked;
