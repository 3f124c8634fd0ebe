/** The compiled JTE templates shared by pages and e-mails. */
@NullMarked
package io.stagedoor.server.templates;

import org.jspecify.annotations.NullMarked;
