package io.stagedoor.encoder;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where native libraries are unpacked. JavaCPP would otherwise use {@code ~/.javacpp/cache}; Stagedoor keeps every
 * native cache under one directory per platform so that it is easy to find and to clear.
 */
public final class NativeLibraries {

    static final String JAVACPP_CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";

    private NativeLibraries() {}

    /** Points JavaCPP at Stagedoor's cache unless the process was started with its own choice. */
    public static void configure() {
        if (System.getProperty(JAVACPP_CACHE_PROPERTY) == null) {
            System.setProperty(
                    JAVACPP_CACHE_PROPERTY, cacheRoot().resolve("javacpp").toString());
        }
    }

    /** Stagedoor's cache directory for this user: e.g. {@code ~/.cache/stagedoor} on Linux. */
    public static Path cacheRoot() {
        return cacheRoot(System.getProperty("os.name"), System.getProperty("user.home"), System.getenv());
    }

    static Path cacheRoot(String osName, String userHome, Map<String, String> env) {
        var os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            var localAppData = env.get("LOCALAPPDATA");
            return localAppData != null && !localAppData.isBlank()
                    ? Path.of(localAppData, "Stagedoor", "Cache")
                    : Path.of(userHome, "AppData", "Local", "Stagedoor", "Cache");
        }
        if (os.startsWith("mac")) {
            return Path.of(userHome, "Library", "Caches", "Stagedoor");
        }
        var xdg = env.get("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "stagedoor") : Path.of(userHome, ".cache", "stagedoor");
    }
}
