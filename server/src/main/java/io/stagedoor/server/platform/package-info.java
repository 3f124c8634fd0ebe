/** Platform-wide settings kept by the platform administrator, such as the fee on each order. */
@NullMarked
package io.stagedoor.server.platform;

import org.jspecify.annotations.NullMarked;
