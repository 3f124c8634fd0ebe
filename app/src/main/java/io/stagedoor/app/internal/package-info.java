/** Desktop plumbing shared by the screens; not API. */
@NullMarked
package io.stagedoor.app.internal;

import org.jspecify.annotations.NullMarked;
