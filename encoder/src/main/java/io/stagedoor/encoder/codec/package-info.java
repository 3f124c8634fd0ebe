/** H.264 encoders as strategies (x264 and the hardware encoders FFmpeg offers), and the probe that picks one. */
@NullMarked
package io.stagedoor.encoder.codec;

import org.jspecify.annotations.NullMarked;
