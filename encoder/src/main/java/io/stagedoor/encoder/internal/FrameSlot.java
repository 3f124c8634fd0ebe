package io.stagedoor.encoder.internal;

import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;
import org.jspecify.annotations.Nullable;

/**
 * The newest picture from the capture stage, handed to the encode stage without either waiting for the other: a
 * triple buffer (one being written, one ready, one being read). Pictures are copied in, because a grabber reuses its
 * frame on the next grab.
 */
final class FrameSlot {

    /** A picture in the slot: YUV 4:2:0 planes one after the other, as the grabbers deliver it. */
    static final class Picture {
        ByteBuffer data = ByteBuffer.allocateDirect(0);
        int width;
        int height;
        int stride;
        int channels;
        long sequence;

        void copyFrom(Frame frame) {
            var source = (ByteBuffer) frame.image[0];
            // The grabber limits the buffer to the luma plane; the chroma planes follow it in the same buffer.
            int length = Math.min(source.capacity(), yuv420pBytes(frame.imageStride, frame.imageHeight));
            if (data.capacity() < length) {
                data = ByteBuffer.allocateDirect(length);
            }
            data.clear();
            data.put(source.duplicate().position(0).limit(length));
            data.flip();
            width = frame.imageWidth;
            height = frame.imageHeight;
            stride = frame.imageStride;
            channels = frame.imageChannels;
        }
    }

    /** The size of contiguous YUV 4:2:0 planes with a luma stride of {@code stride} bytes. */
    static int yuv420pBytes(int stride, int height) {
        int chromaStride = (stride + 1) / 2;
        int chromaHeight = (height + 1) / 2;
        return stride * height + 2 * chromaStride * chromaHeight;
    }

    private Picture writing = new Picture();
    private Picture ready = new Picture();
    private Picture reading = new Picture();
    private long published;
    private long publishedAtNanos;

    /** Copies a picture in; called from the capture thread. */
    void put(Frame frame) {
        writing.copyFrom(frame);
        synchronized (this) {
            writing.sequence = ++published;
            var swap = ready;
            ready = writing;
            writing = swap;
            publishedAtNanos = System.nanoTime();
        }
    }

    /**
     * The newest picture, or {@code null} if none has come yet. Valid until the next call; called from the encode
     * thread only.
     */
    synchronized @Nullable Picture take() {
        if (ready.sequence > reading.sequence) {
            var swap = reading;
            reading = ready;
            ready = swap;
        }
        return reading.sequence == 0 ? null : reading;
    }

    /** When the newest picture arrived ({@link System#nanoTime()}), or 0 if none has. */
    synchronized long lastPutNanos() {
        return publishedAtNanos;
    }
}
