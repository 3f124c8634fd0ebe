package io.stagedoor.server.ingest;

import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;

/** The {@code ffmpeg} executable that ships inside JavaCV's FFmpeg artifact, unpacked on first use. */
final class FfmpegProgram {

    private FfmpegProgram() {}

    static Path bundled() {
        if (System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
            System.setProperty("org.bytedeco.javacpp.cachedir", cacheDir().toString());
        }
        return Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
    }

    private static Path cacheDir() {
        var xdg = System.getenv("XDG_CACHE_HOME");
        var os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        var home = System.getProperty("user.home");
        if (os.startsWith("windows")) {
            var local = System.getenv("LOCALAPPDATA");
            return local != null ? Path.of(local, "Stagedoor", "Cache", "javacpp") : Path.of(home, "javacpp");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Caches", "Stagedoor", "javacpp");
        }
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg, "stagedoor") : Path.of(home, ".cache", "stagedoor"))
                .resolve("javacpp");
    }
}
