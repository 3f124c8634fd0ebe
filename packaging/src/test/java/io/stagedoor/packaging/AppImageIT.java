package io.stagedoor.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.app.testing.StudioProcess;
import io.stagedoor.app.testing.XvfbDisplay;
import io.stagedoor.server.testing.RunningProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jpackage app image, started as a user starts it: its own launcher and its own runtime, with an empty home
 * directory so that anything it writes there shows.
 */
class AppImageIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final String LISTENING = "listening on (http://127\\.0\\.0\\.1:\\d+/)";

    @TempDir
    Path home;

    @TempDir
    Path scratch;

    private Path launcher;
    private Map<String, String> environment;

    @BeforeEach
    void findTheImage() {
        var image = Path.of(System.getProperty("stagedoor.appImage"));
        launcher = image.resolve("bin").resolve("Stagedoor");
        assertThat(launcher).as("the app image's launcher").isExecutable();
        environment = new HashMap<>(new UserHome(home).environment());
    }

    private RunningProcess launch(Map<String, String> extraEnvironment, String... args) {
        var env = new HashMap<>(environment);
        env.putAll(extraEnvironment);
        var command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return RunningProcess.start(command, env);
    }

    @Test
    void theServerOnlyModePackagesALiveStreamWithTheImagesFfmpegAndStopsOnTerminate() throws Exception {
        try (var server = launch(
                Map.of(),
                "--server-only",
                "--http-host=127.0.0.1",
                "--http-port=0",
                "--ingest-host=127.0.0.1",
                "--ingest-port=0",
                "--ingest-ladder=")) {
            var address = URI.create(server.awaitLine(LISTENING, START).group(1));
            ServerTarballIT.assertStreamBecomesHlsAndSigtermStopsEverything(server, address, scratch);
        }
        assertThat(home.resolve(".local/share/stagedoor/db/stagedoor.mv.db"))
                .as("the database in the platform's data directory")
                .isRegularFile();
        assertThat(home.resolve(".cache/stagedoor"))
                .as("no ffmpeg unpacked: the packager ran the image's own")
                .doesNotExist();
    }

    @Test
    void theStudioOpensItsWindowWithoutUnpackingNativeLibrariesIntoHome() {
        try (var display = XvfbDisplay.start();
                var studio = launch(display.environment(), "--http-port=0", "--ingest-port=0")) {
            StudioProcess.assertOpensWindowWithLocalServerAndStopsCleanly(studio);
        }
        assertThat(home.resolve(".cache/stagedoor/javafx")).doesNotExist();
        assertThat(home.resolve(".openjfx")).doesNotExist();
    }

    @Test
    void shipsEachNativeLibraryOnceOutsideAnyJar() throws Exception {
        var app = launcher.getParent().getParent().resolve("lib/app");
        try (var files = Files.list(app)) {
            var jarsWithNatives = files.filter(file -> file.toString().endsWith(".jar"))
                    .filter(AppImageIT::holdsNativeLibraries)
                    .map(file -> file.getFileName().toString())
                    .toList();
            assertThat(jarsWithNatives)
                    .as("jars that still hold FFmpeg's or JavaCPP's native libraries")
                    .isEmpty();
        }
        assertThat(app.resolve("ffmpeg"))
                .isDirectoryContaining("glob:**/libavcodec.so.*")
                .isDirectoryContaining("glob:**/libavdevice.so.*")
                .isDirectoryContaining("glob:**/libavfilter.so.*")
                .isDirectoryContaining("glob:**/libavformat.so.*")
                .isDirectoryContaining("glob:**/libswscale.so.*")
                .isDirectoryContaining("glob:**/libswresample.so.*")
                .isDirectoryContaining("glob:**/libavutil.so.*")
                .isDirectoryContaining("glob:**/libva.so.*")
                .isDirectoryContaining("glob:**/libdrm.so.*")
                .isDirectoryContaining("glob:**/libjniavcodec.so")
                .isDirectoryContaining("glob:**/libjnijavacpp.so")
                .isDirectoryNotContaining("glob:**/ffprobe");
        assertThat(app.resolve("ffmpeg/ffmpeg")).isExecutable();
        assertThat(launcher.getParent().getParent().resolve("lib/runtime/lib"))
                .isDirectoryContaining("glob:**/libglass.so")
                .isDirectoryContaining("glob:**/libprism_sw.so");
    }

    /** Whether a jar holds JavaCPP's or FFmpeg's natives (JNA's, used only on macOS and Windows, stay in JNA). */
    private static boolean holdsNativeLibraries(Path jar) {
        try (var zip = new ZipFile(jar.toFile())) {
            return zip.stream()
                    .anyMatch(entry -> entry.getName().startsWith("org/bytedeco/")
                            && entry.getName().matches(".*\\.(so(\\.\\d+)*|dylib|dll)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theSmokeTestPassesWithFfmpegFromTheImageAndNothingUnpackedIntoHome() {
        try (var display = XvfbDisplay.start();
                var studio = launch(display.environment(), "--smoke-test", "--http-port=0", "--ingest-port=0")) {
            var ffmpeg = StudioProcess.assertSmokeTestPasses(studio);
            assertThat(ffmpeg)
                    .contains("loaded from " + launcher.getParent().getParent().resolve("lib/app/ffmpeg"));
            assertThat(studio.output())
                    .contains("FFmpeg program runs: "
                            + launcher.getParent().getParent().resolve("lib/app/ffmpeg/ffmpeg"))
                    .doesNotContain("WARNING");
        }
        new UserHome(home).assertHoldsOnlyUserData();
    }

    @Test
    void invalidSettingsStopTheServerWithAMessage() throws Exception {
        try (var server = launch(Map.of(), "--server-only", "--http-port=seventy")) {
            assertThat(server.awaitExit(START)).isEqualTo(2);
            assertThat(server.output()).contains("http.port (from flag --http-port): must be a whole number");
        }
        assertThat(Files.exists(home.resolve(".local/share/stagedoor/db"))).isFalse();
    }
}
