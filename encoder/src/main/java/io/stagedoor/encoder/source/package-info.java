/** What can be broadcast: the test pattern, cameras, the screen, media files and audio inputs; device enumeration and audio level math. */
@NullMarked
package io.stagedoor.encoder.source;

import org.jspecify.annotations.NullMarked;
