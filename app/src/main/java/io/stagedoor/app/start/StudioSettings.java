package io.stagedoor.app.start;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * What the studio remembers between runs, in {@code studio.properties} in the user's configuration directory:
 * recent servers, the last e-mail, whether the local organiser exists, the theme. No secrets: tokens go to a
 * {@link TokenStore}.
 */
public final class StudioSettings {

    /** A system property that moves the configuration directory (tests, portable installs). */
    public static final String CONFIG_DIR_PROPERTY = "stagedoor.studio.config";

    static final int MAX_RECENT_SERVERS = 5;

    private final Path dir;
    private final Properties values = new Properties();

    private StudioSettings(Path dir) {
        this.dir = dir;
    }

    /** The settings in {@code dir}, empty when there are none yet. */
    public static StudioSettings load(Path dir) {
        var settings = new StudioSettings(dir);
        var file = settings.file();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                settings.values.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        return settings;
    }

    /**
     * The platform's place for a user's configuration: {@code $XDG_CONFIG_HOME/stagedoor} or
     * {@code ~/.config/stagedoor} on Linux, {@code ~/Library/Application Support/Stagedoor} on macOS,
     * {@code %APPDATA%\Stagedoor} on Windows.
     */
    public static Path defaultDirectory() {
        var configured = System.getProperty(CONFIG_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        var home = Path.of(System.getProperty("user.home"));
        var os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/Stagedoor");
        }
        if (os.contains("win")) {
            var appData = System.getenv("APPDATA");
            return appData != null ? Path.of(appData, "Stagedoor") : home.resolve("AppData/Roaming/Stagedoor");
        }
        var xdg = System.getenv("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "stagedoor") : home.resolve(".config/stagedoor");
    }

    public Path directory() {
        return dir;
    }

    /** Addresses of other servers used before, the newest first. */
    public synchronized List<String> recentServers() {
        var text = values.getProperty("servers.recent", "");
        return text.isBlank() ? List.of() : List.of(text.split(" "));
    }

    /** Puts {@code url} at the front of the recent servers, keeping the newest five. */
    public synchronized void rememberServer(String url) {
        var servers = new ArrayList<>(recentServers());
        servers.remove(url);
        servers.addFirst(url);
        values.setProperty(
                "servers.recent", String.join(" ", servers.subList(0, Math.min(MAX_RECENT_SERVERS, servers.size()))));
        store();
    }

    public synchronized Optional<String> lastEmail(String server) {
        return Optional.ofNullable(values.getProperty("email." + server));
    }

    public synchronized void rememberEmail(String server, String email) {
        values.setProperty("email." + server, email);
        store();
    }

    /** Whether an organiser account was made on the local server, so the first-run guide is not needed again. */
    public synchronized boolean localOrganiserExists() {
        return Boolean.parseBoolean(values.getProperty("local.organiser", "false"));
    }

    public synchronized void markLocalOrganiserExists() {
        values.setProperty("local.organiser", "true");
        store();
    }

    public synchronized Optional<String> theme() {
        return Optional.ofNullable(values.getProperty("theme"));
    }

    public synchronized void rememberTheme(String theme) {
        values.setProperty("theme", theme);
        store();
    }

    private Path file() {
        return dir.resolve("studio.properties");
    }

    private void store() {
        try {
            Files.createDirectories(dir);
            try (Writer out = Files.newBufferedWriter(file(), StandardCharsets.UTF_8)) {
                values.store(out, "Stagedoor Studio settings");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file(), e);
        }
    }
}
