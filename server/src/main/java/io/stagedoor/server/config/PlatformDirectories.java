package io.stagedoor.server.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The per-user data directory each operating system expects applications to use. */
final class PlatformDirectories {

    private PlatformDirectories() {}

    static Path data(String osName, String userHome, Map<String, String> env) {
        var os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            var localAppData = env.get("LOCALAPPDATA");
            return localAppData != null && !localAppData.isBlank()
                    ? Path.of(localAppData, "Stagedoor")
                    : Path.of(userHome, "AppData", "Local", "Stagedoor");
        }
        if (os.startsWith("mac")) {
            return Path.of(userHome, "Library", "Application Support", "Stagedoor");
        }
        var xdg = env.get("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank()
                ? Path.of(xdg, "stagedoor")
                : Path.of(userHome, ".local", "share", "stagedoor");
    }
}
