package io.stagedoor.encoder.internal;

import org.bytedeco.javacv.Frame;
import org.jspecify.annotations.Nullable;

/**
 * One input the capture stage reads: a device, a file or a filter graph. Every source is used through this interface,
 * so the capture stage's logic (pacing, looping, failure and slate) is the same for all and can be tested with a
 * hand-written fake where no device exists.
 */
interface FrameSource extends AutoCloseable {

    /** Opens the input; may wait on a device. */
    void open() throws Exception;

    /**
     * The next picture or sound, or {@code null} at the end. The frame is reused by the next call: copy what must
     * outlive it.
     */
    @Nullable Frame grab() throws Exception;

    /** Starts again from the beginning (files); {@code false} if it cannot. */
    boolean rewind() throws Exception;

    /** Whether frames come as fast as they are read, so the reader must wait until each one's time. */
    boolean paced();

    /** Whether it loops at its end. */
    boolean loops();

    @Override
    void close();
}
