package io.stagedoor.encoder.source;

import static org.bytedeco.ffmpeg.global.avdevice.avdevice_free_list_devices;
import static org.bytedeco.ffmpeg.global.avdevice.avdevice_list_input_sources;
import static org.bytedeco.ffmpeg.global.avdevice.avdevice_register_all;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avdevice.AVDeviceInfoList;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cameras on this machine. On Linux they are read from sysfs (no device is opened, so it cannot hang); on macOS
 * and Windows FFmpeg is asked ({@code avdevice_list_input_sources}). Either way the answer comes within a second: a
 * machine without cameras, or a driver that does not answer, gives an empty list.
 */
public final class Cameras {

    private static final Logger log = LoggerFactory.getLogger(Cameras.class);
    /** How long enumeration may take before the answer is "none". */
    public static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static final Pattern VIDEO_NODE = Pattern.compile("video(\\d+)");

    private Cameras() {}

    public static List<CameraInfo> list() {
        var platform = Platform.current();
        var future = CompletableFuture.supplyAsync(
                () -> platform == Platform.LINUX
                        ? fromSysfs(Path.of("/sys/class/video4linux"), Path.of("/dev"))
                        : fromFfmpeg(platform.cameraFormat(), name -> true),
                runnable ->
                        Thread.ofPlatform().name("camera-enumeration").daemon().start(runnable));
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Listing cameras took more than {} ms; reporting none", TIMEOUT.toMillis());
            return List.of();
        } catch (ExecutionException e) {
            log.warn("Listing cameras failed; reporting none", e.getCause());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * Capture nodes under {@code /sys/class/video4linux}: a camera's first node has index 0 (its others carry
     * metadata), sorted by node number.
     */
    static List<CameraInfo> fromSysfs(Path sysClass, Path dev) {
        if (!Files.isDirectory(sysClass)) {
            return List.of();
        }
        var nodes = new ArrayList<Integer>();
        try (var entries = Files.list(sysClass)) {
            entries.forEach(entry -> {
                var matcher = VIDEO_NODE.matcher(entry.getFileName().toString());
                if (matcher.matches() && "0".equals(read(entry.resolve("index")))) {
                    nodes.add(Integer.parseInt(matcher.group(1)));
                }
            });
        } catch (IOException e) {
            log.warn("Cannot read {}: {}", sysClass, e.toString());
            return List.of();
        }
        nodes.sort(Comparator.naturalOrder());
        var cameras = new ArrayList<CameraInfo>();
        for (int node : nodes) {
            var name = read(sysClass.resolve("video" + node).resolve("name"));
            cameras.add(new CameraInfo(
                    cameras.size(),
                    name.isEmpty() ? "video" + node : name,
                    dev.resolve("video" + node).toString()));
        }
        return List.copyOf(cameras);
    }

    /** FFmpeg's own device list for an input format (dshow, avfoundation). */
    static List<CameraInfo> fromFfmpeg(String format, Predicate<String> isVideo) {
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
        var cameras = new ArrayList<CameraInfo>();
        for (int i = 0; i < list.nb_devices(); i++) {
            var device = list.devices(i);
            var name = device.device_description().getString(StandardCharsets.UTF_8);
            if (isVideo.test(name)) {
                var input = format.equals("dshow")
                        ? "video=" + name
                        : device.device_name().getString(StandardCharsets.UTF_8);
                cameras.add(new CameraInfo(cameras.size(), name, input));
            }
        }
        avdevice_free_list_devices(listPointer);
        return List.copyOf(cameras);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
