package io.stagedoor.encoder.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FAST_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.stagedoor.encoder.PreviewFrame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.jspecify.annotations.Nullable;

/**
 * Scales YUV 4:2:0 pictures to the preview's size as 32-bit ARGB. On a little-endian machine an {@code int} 0xAARRGGBB
 * lies in memory as B, G, R, A, which is FFmpeg's BGRA; on a big-endian one as A, R, G, B (ARGB). Two output buffers
 * alternate; they are made again, as new buffers, only when the size changes. Used by the encode thread only.
 */
final class PreviewScaler implements AutoCloseable {

    private final ByteBuffer[] buffers = new ByteBuffer[2];
    private final IntBuffer[] pixels = new IntBuffer[2];
    private final int outputFormat;
    private int width;
    private int height;
    private @Nullable SwsContext context;
    private int next;

    PreviewScaler() {
        outputFormat = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                ? AV_PIX_FMT_BGRA
                : org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_ARGB;
    }

    /** The picture scaled to {@code toWidth × toHeight}, in the buffer after the one returned last time. */
    PreviewFrame scale(FrameSlot.Picture picture, int toWidth, int toHeight) {
        if (toWidth != width || toHeight != height) {
            width = toWidth;
            height = toHeight;
            for (int i = 0; i < 2; i++) {
                buffers[i] = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.nativeOrder());
                pixels[i] = buffers[i].asIntBuffer();
            }
        }
        context = sws_getCachedContext(
                context,
                picture.width,
                picture.height,
                AV_PIX_FMT_YUV420P,
                width,
                height,
                outputFormat,
                SWS_FAST_BILINEAR,
                null,
                null,
                (DoublePointer) null);
        int lumaSize = picture.stride * picture.height;
        int chromaStride = (picture.stride + 1) / 2;
        int chromaSize = chromaStride * ((picture.height + 1) / 2);
        var source = new BytePointer(picture.data);
        // swscale reads four plane pointers and four strides on each side, whatever the format uses.
        var planes = new PointerPointer<BytePointer>(4);
        planes.put(0, source.getPointer(0));
        planes.put(1, source.getPointer(lumaSize));
        planes.put(2, source.getPointer(lumaSize + chromaSize));
        var strides = new IntPointer(new int[] {picture.stride, chromaStride, chromaStride, 0});
        int index = next;
        next = 1 - next;
        var out = new PointerPointer<BytePointer>(4);
        out.put(0, new BytePointer(buffers[index]));
        sws_scale(context, planes, strides, 0, picture.height, out, new IntPointer(new int[] {width * 4, 0, 0, 0}));
        var argb = pixels[index];
        // Opaque, whatever swscale writes into the alpha byte, so premultiplied and straight ARGB agree.
        for (int i = 0, n = argb.capacity(); i < n; i++) {
            argb.put(i, argb.get(i) | 0xFF000000);
        }
        return new PreviewFrame(width, height, argb, index);
    }

    @Override
    public void close() {
        if (context != null) {
            sws_freeContext(context);
            context = null;
        }
    }
}
