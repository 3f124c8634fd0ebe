package io.stagedoor.encoder.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source names and camera enumeration. There is no camera on this machine: the sysfs tree of one (a USB camera with a
 * capture node and a metadata node) is written by hand into a temporary directory, as the kernel lays it out.
 */
class SourcesTest {

    @TempDir
    Path dir;

    @Test
    void sourcesReadAsUsersTypeThem() {
        assertThat(VideoSource.parse("testpattern")).isEqualTo(new VideoSource.TestPattern());
        assertThat(VideoSource.parse("camera:2")).isEqualTo(new VideoSource.Camera(2));
        assertThat(VideoSource.parse("screen")).isEqualTo(new VideoSource.Screen(""));
        assertThat(VideoSource.parse("screen::1.0")).isEqualTo(new VideoSource.Screen(":1.0"));
        assertThat(VideoSource.parse("file:/tmp/a b.mp4"))
                .isEqualTo(new VideoSource.MediaFile(Path.of("/tmp/a b.mp4")));
        assertThatThrownBy(() -> VideoSource.parse("camera:-1")).hasMessageContaining("must be 0 or more");
        assertThatThrownBy(() -> VideoSource.parse("file:")).hasMessageContaining("unknown source");
    }

    @Test
    void camerasAreTheCaptureNodesOfSysfsInOrder() throws IOException {
        var sys = dir.resolve("video4linux");
        node(sys, "video2", "Integrated Webcam", "0");
        node(sys, "video3", "Integrated Webcam", "1");
        node(sys, "video0", "USB Capture HDMI", "0");
        node(sys, "video1", "USB Capture HDMI", "1");
        var cameras = Cameras.fromSysfs(sys, Path.of("/dev"));
        assertThat(cameras)
                .containsExactly(
                        new CameraInfo(0, "USB Capture HDMI", "/dev/video0"),
                        new CameraInfo(1, "Integrated Webcam", "/dev/video2"));
    }

    @Test
    void noCameraIsAnEmptyListWellWithinASecond() {
        assertThat(Cameras.fromSysfs(dir.resolve("absent"), Path.of("/dev"))).isEmpty();
        long start = System.nanoTime();
        var cameras = Cameras.list();
        var took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(Cameras.TIMEOUT.plusMillis(200));
        // This machine has no camera; a developer's may: then the list names them.
        assertThat(cameras).allSatisfy(c -> assertThat(c.input()).startsWith("/dev/video"));
    }

    @Test
    void eachPlatformHasItsCaptureDevices() {
        assertThat(Platform.of("Linux")).isEqualTo(Platform.LINUX);
        assertThat(Platform.of("Mac OS X")).isEqualTo(Platform.MACOS);
        assertThat(Platform.of("Windows 11")).isEqualTo(Platform.WINDOWS);
        assertThat(Platform.LINUX.screenFormat()).isEqualTo("x11grab");
        assertThat(Platform.WINDOWS.screenFormat()).isEqualTo("gdigrab");
        assertThat(Platform.MACOS.cameraFormat()).isEqualTo("avfoundation");
        assertThat(Platform.WINDOWS.cameraFormat()).isEqualTo("dshow");
    }

    private static void node(Path sys, String name, String label, String index) throws IOException {
        var node = Files.createDirectories(sys.resolve(name));
        Files.writeString(node.resolve("name"), label + "\n");
        Files.writeString(node.resolve("index"), index + "\n");
    }
}
