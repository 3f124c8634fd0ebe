package io.stagedoor.app.broadcast;

import io.stagedoor.encoder.PreviewFrame;
import java.nio.IntBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.image.Image;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.jspecify.annotations.Nullable;

/**
 * The encoder's preview pictures as JavaFX images, without copying a pixel: each of the encoder's two buffers is
 * wrapped once (again only when the preview's size changes) in a {@link PixelBuffer}, and a new frame only marks its
 * buffer dirty ({@code updateBuffer}) and makes its image the current one. At most one frame waits for the FX thread; frames arriving meanwhile are dropped, so a
 * busy FX thread shows fewer pictures instead of falling behind.
 */
final class PreviewImage {

    private final Executor ui;
    private final ReadOnlyObjectWrapper<@Nullable Image> image = new ReadOnlyObjectWrapper<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong shown = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    @SuppressWarnings("unchecked")
    private final @Nullable PixelBuffer<IntBuffer>[] buffers = new PixelBuffer[2];

    private final @Nullable WritableImage[] images = new WritableImage[2];
    private volatile boolean accepting;

    PreviewImage(Executor ui) {
        this.ui = ui;
    }

    ReadOnlyObjectProperty<@Nullable Image> imageProperty() {
        return image.getReadOnlyProperty();
    }

    /** Starts taking frames of a new capture, whose buffers are not the last one's. Call on the FX thread. */
    void startSession() {
        buffers[0] = null;
        buffers[1] = null;
        accepting = true;
    }

    /** Stops taking frames; the last picture stays on screen. */
    void stopSession() {
        accepting = false;
    }

    /** Called on the encoder's thread; returns at once. */
    void offer(PreviewFrame frame) {
        if (!accepting) {
            return;
        }
        if (!pending.compareAndSet(false, true)) {
            dropped.incrementAndGet();
            return;
        }
        ui.execute(() -> {
            try {
                if (accepting) {
                    show(frame);
                }
            } finally {
                pending.set(false);
            }
        });
    }

    private void show(PreviewFrame frame) {
        int index = frame.bufferIndex();
        var buffer = buffers[index];
        if (buffer == null || buffer.getBuffer() != frame.pixels()) {
            // The encoder hands the same two buffers frame after frame, and two new ones when the size changes.
            buffer = new PixelBuffer<>(
                    frame.width(), frame.height(), frame.pixels(), PixelFormat.getIntArgbPreInstance());
            buffers[index] = buffer;
            images[index] = new WritableImage(buffer);
        }
        buffer.updateBuffer(b -> null);
        image.set(images[index]);
        shown.incrementAndGet();
    }

    /** Frames drawn so far. */
    long framesShown() {
        return shown.get();
    }

    /** Frames skipped because the FX thread had not drawn the one before. */
    long framesDropped() {
        return dropped.get();
    }
}
