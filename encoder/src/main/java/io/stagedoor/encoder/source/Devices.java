package io.stagedoor.encoder.source;

import static org.bytedeco.ffmpeg.global.avdevice.avdevice_free_list_devices;
import static org.bytedeco.ffmpeg.global.avdevice.avdevice_list_input_sources;
import static org.bytedeco.ffmpeg.global.avdevice.avdevice_register_all;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.bytedeco.ffmpeg.avdevice.AVDeviceInfoList;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Device enumeration shared by cameras and audio inputs: FFmpeg's device lists, never waiting more than a second. */
final class Devices {

    private static final Logger log = LoggerFactory.getLogger(Devices.class);
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** One device as FFmpeg lists it. */
    record Device(String name, String description, boolean video, boolean audio) {}

    private Devices() {}

    /**
     * The answer of {@code lister}, or an empty list if it fails or takes longer than {@link #TIMEOUT}: a driver that
     * does not answer must not hang the caller. (A lister stuck in native code is left to finish on its daemon
     * thread.)
     */
    static <T> List<T> withTimeout(String what, Supplier<List<T>> lister) {
        var future = CompletableFuture.supplyAsync(
                lister,
                runnable ->
                        Thread.ofPlatform().name(what + "-enumeration").daemon().start(runnable));
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Listing {} devices took more than {} ms; reporting none", what, TIMEOUT.toMillis());
            return List.of();
        } catch (ExecutionException e) {
            log.warn("Listing {} devices failed; reporting none", what, e.getCause());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** FFmpeg's {@code avdevice_list_input_sources} for an input format; empty where the format cannot list. */
    static List<Device> fromFfmpeg(String format) {
        avdevice_register_all();
        var inputFormat = av_find_input_format(format);
        if (inputFormat == null) {
            return List.of();
        }
        var listPointer = new PointerPointer<AVDeviceInfoList>(1);
        int count = avdevice_list_input_sources(inputFormat, (BytePointer) null, null, listPointer);
        if (count <= 0) {
            return List.of();
        }
        var list = listPointer.get(AVDeviceInfoList.class, 0);
        var devices = new ArrayList<Device>();
        for (int i = 0; i < list.nb_devices(); i++) {
            var device = list.devices(i);
            boolean video = false;
            boolean audio = false;
            for (int t = 0; t < device.nb_media_types(); t++) {
                int type = device.media_types().get(t);
                video |= type == AVMEDIA_TYPE_VIDEO;
                audio |= type == AVMEDIA_TYPE_AUDIO;
            }
            if (device.nb_media_types() == 0) {
                // Older device lists leave the types out; the format decides then.
                video = !format.equals("pulse") && !format.equals("alsa");
                audio = !video || format.equals("dshow") || format.equals("avfoundation");
            }
            devices.add(new Device(
                    device.device_name().getString(StandardCharsets.UTF_8),
                    device.device_description().getString(StandardCharsets.UTF_8),
                    video,
                    audio));
        }
        avdevice_free_list_devices(listPointer);
        return List.copyOf(devices);
    }
}
