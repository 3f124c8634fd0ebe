package io.stagedoor.encoder.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
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
    public static final java.time.Duration TIMEOUT = Devices.TIMEOUT;

    private static final Pattern VIDEO_NODE = Pattern.compile("video(\\d+)");

    private Cameras() {}

    public static List<CameraInfo> list() {
        var platform = Platform.current();
        return Devices.withTimeout(
                "camera",
                () -> platform == Platform.LINUX
                        ? fromSysfs(Path.of("/sys/class/video4linux"), Path.of("/dev"))
                        : fromFfmpeg(platform.cameraFormat()));
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

    /** FFmpeg's own device list for an input format (dshow, avfoundation), video devices only. */
    static List<CameraInfo> fromFfmpeg(String format) {
        var cameras = new ArrayList<CameraInfo>();
        for (var device : Devices.fromFfmpeg(format)) {
            if (device.video()) {
                var input = format.equals("dshow") ? "video=" + device.description() : device.name();
                cameras.add(new CameraInfo(cameras.size(), device.description(), input));
            }
        }
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
