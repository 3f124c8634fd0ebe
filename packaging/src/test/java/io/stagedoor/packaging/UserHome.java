package io.stagedoor.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An empty home directory for an installed studio, with the XDG directories inside it, and the check that the studio
 * left nothing there but its user's data.
 */
record UserHome(Path root) {

    /**
     * What the system's own programs write under a home, not the studio: the desktop's libraries when a GTK window
     * opens (GSettings, Mesa's shader cache, fontconfig), and, where Debian's rpm is installed (the test command
     * installs it to build the .rpm), the per-user package database it opens when jpackage's launcher asks
     * {@code rpm -qf} which package it belongs to, as it does at every start.
     */
    private static final List<String> DESKTOP_CACHES = List.of(
            ".cache/dconf", ".cache/mesa_shader_cache", ".cache/mesa_shader_cache_db", ".cache/fontconfig", ".rpmdb");

    Map<String, String> environment() {
        var environment = new HashMap<String, String>();
        environment.put("HOME", root.toString());
        environment.put("XDG_CACHE_HOME", root.resolve(".cache").toString());
        environment.put("XDG_DATA_HOME", root.resolve(".local/share").toString());
        environment.put("XDG_CONFIG_HOME", root.resolve(".config").toString());
        environment.put("XDG_STATE_HOME", root.resolve(".local/state").toString());
        return environment;
    }

    /** The local server's data directory there (the platform's data directory, as on a user's machine). */
    Path dataDir() {
        return root.resolve(".local/share/stagedoor");
    }

    /**
     * Checks that no native library (JavaCPP's, JavaFX's, JNA's) was unpacked into the home: every file in it is the
     * user's data, the studio's settings or a desktop library's cache.
     */
    void assertHoldsOnlyUserData() {
        assertThat(root.resolve(".javacpp")).doesNotExist();
        assertThat(root.resolve(".openjfx")).doesNotExist();
        assertThat(root.resolve(".cache/stagedoor")).doesNotExist();
        assertThat(root.resolve(".cache/JNA")).doesNotExist();
        try (Stream<Path> files = Files.walk(root)) {
            var strays = files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString())
                    .filter(file ->
                            !file.startsWith(".local/share/stagedoor/") && !file.startsWith(".config/stagedoor/"))
                    .filter(file -> DESKTOP_CACHES.stream().noneMatch(cache -> file.startsWith(cache + "/")))
                    .toList();
            assertThat(strays)
                    .as("files written into the home besides the user's data")
                    .isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(dataDir().resolve("db/stagedoor.mv.db"))
                .as("the local server's database")
                .isRegularFile();
    }
}
