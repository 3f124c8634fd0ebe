package io.stagedoor.packaging;

import static io.stagedoor.packaging.Commands.assertNotInstalled;
import static io.stagedoor.packaging.Commands.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stagedoor.app.testing.StudioProcess;
import io.stagedoor.app.testing.XvfbDisplay;
import io.stagedoor.server.BuildInfo;
import io.stagedoor.server.testing.RunningProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio's .deb: its control data and files as dpkg sees them, and, where the test runs as root, installed with
 * dpkg, its menu entry checked, its installed launcher run with {@code --smoke-test} by an ordinary user with an
 * empty home on a virtual display, then purged, leaving nothing behind but that user's data.
 */
class StudioDebianPackageIT {

    private static final String PACKAGE = "stagedoor-studio";
    private static final Path INSTALL_DIR = Path.of("/opt/stagedoor-studio");
    private static final Path LAUNCHER = INSTALL_DIR.resolve("bin/Stagedoor");
    private static final Path MENU_ENTRY = Path.of("/usr/share/applications/stagedoor-studio-Stagedoor.desktop");
    private static final Path COMMAND = Path.of("/usr/bin/stagedoor-studio");
    /** The installed size the package must stay within, in KiB (docs/BENCHMARKS.md, "Studio packages"). */
    private static final long INSTALLED_SIZE_BUDGET_KIB = 215 * 1024;

    private static Path deb;

    @TempDir
    Path scratch;

    @BeforeAll
    static void findThePackage() {
        deb = Path.of(System.getProperty("stagedoor.studioDeb"));
        assertThat(deb).as("the .deb").isRegularFile();
    }

    /** The package's Depends, one entry per element ({@code a | b} for alternatives). */
    private static List<String> dependencies() throws IOException, InterruptedException {
        return List.of(run("dpkg-deb", "--field", deb.toString(), "Depends").split(",\\s*"));
    }

    @Test
    void everyLibraryTheImageLinksAgainstComesFromAPackageItDependsOn() throws Exception {
        var unpacked = scratch.resolve("unpacked");
        run("dpkg-deb", "--extract", deb.toString(), unpacked.toString());
        var needed = NativeLibraries.neededFromTheSystem(unpacked);
        assertThat(needed).as("libraries from the system").contains("libgtk-3.so.0", "libasound.so.2");

        // Which package of this system holds each, as dpkg knows it.
        var declared = new java.util.HashSet<String>();
        for (var dependency : dependencies()) {
            for (var alternative : dependency.split("\\s*\\|\\s*")) {
                declared.add(alternative.replaceAll("\\s*\\(.*\\)", "").strip());
            }
        }
        var cache = run("ldconfig", "-p");
        var missing = new java.util.TreeMap<String, String>();
        for (var name : needed) {
            var line = Pattern.compile(
                            "^\\s*" + Pattern.quote(name) + " \\(libc6,x86-64.*\\) => (\\S+)$", Pattern.MULTILINE)
                    .matcher(cache);
            assertThat(line.find()).as(name + " is installed on this machine").isTrue();
            // With /usr merged, dpkg may know the file under /lib rather than /usr/lib.
            var owner = run(
                    "sh",
                    "-c",
                    "dpkg-query --search \"$1\" 2>/dev/null || dpkg-query --search \"${1#/usr}\"",
                    "sh",
                    Path.of(line.group(1)).toRealPath().toString());
            var debianPackage = owner.substring(0, owner.indexOf(':'));
            if (!declared.contains(debianPackage)) {
                missing.put(name, debianPackage);
            }
        }
        assertThat(missing)
                .as("libraries whose package the .deb does not depend on")
                .isEmpty();
    }

    @Test
    void declaresItselfItsDependenciesAndHoldsTheImageWithItsNativesOnce() throws Exception {
        var info = run(
                "dpkg-deb",
                "--field",
                deb.toString(),
                "Package",
                "Version",
                "Architecture",
                "Section",
                "Maintainer",
                "Description");
        assertThat(info)
                .contains("Package: stagedoor-studio")
                .contains("Version: " + BuildInfo.version().replace('-', '~'))
                .contains("Architecture: amd64")
                .contains("Section: video")
                .contains("Maintainer: Stagedoor <packaging@stagedoor.invalid>")
                .contains("Description: Stagedoor Studio: sell pay-per-view tickets and broadcast live");
        var depends = dependencies();
        assertThat(depends)
                .as("GTK for the window, sound for FFmpeg, xdg-utils for opening folders, under the names of Debian"
                        + " 12 and of the releases that renamed them (Debian 13, Ubuntu 24.04)")
                .contains(
                        "libc6",
                        "libgtk-3-0 | libgtk-3-0t64",
                        "libglib2.0-0 | libglib2.0-0t64",
                        "libasound2 | libasound2t64",
                        "libpulse0",
                        "xdg-utils")
                .as("nothing named only as the building release calls it")
                .doesNotContain("libgtk-3-0", "libasound2", "libglib2.0-0");
        long installedSize = Long.parseLong(run("dpkg-deb", "--field", deb.toString(), "Installed-Size"));
        assertThat(installedSize).as("Installed-Size in KiB").isBetween(50L * 1024, INSTALLED_SIZE_BUDGET_KIB);

        var contents = run("dpkg-deb", "--contents", deb.toString());
        assertThat(contents)
                .contains("./opt/stagedoor-studio/bin/Stagedoor")
                .contains("./opt/stagedoor-studio/lib/runtime/lib/server/libjvm.so")
                .contains("./opt/stagedoor-studio/lib/runtime/lib/libglass.so")
                .contains("./opt/stagedoor-studio/lib/app/stagedoor-app-" + BuildInfo.version() + ".jar")
                .contains("./opt/stagedoor-studio/lib/app/ffmpeg/libavcodec.so.")
                .contains("./opt/stagedoor-studio/lib/app/ffmpeg/libjniavcodec.so")
                .contains("./opt/stagedoor-studio/lib/stagedoor-studio-Stagedoor.desktop")
                .contains("./opt/stagedoor-studio/share/doc/copyright")
                .as("FFmpeg's and JavaCPP's natives only once, outside their jars; no ffprobe")
                .doesNotContainPattern("lib/app/(ffmpeg|javacpp)-[^/ ]*-linux-[^/ ]*\\.jar")
                .doesNotContain("ffprobe");

        var unpacked = scratch.resolve("unpacked");
        run("dpkg-deb", "--extract", deb.toString(), unpacked.toString());
        var measured = Long.parseLong(run("du", "-sk", unpacked.toString()).split("\\s+")[0]);
        assertThat(installedSize)
                .as("Installed-Size against the files' size")
                .isBetween(measured - 2048, measured + 2048);
        assertThat(Files.readString(unpacked.resolve("opt/stagedoor-studio/share/doc/copyright")))
                .contains("GNU GPL");
    }

    @Test
    void installsRunsItsSmokeTestAsAUserAndPurgesLeavingOnlyTheUsersData() throws Exception {
        assumeTrue(System.getProperty("user.name").equals("root"), "dpkg -i needs root");
        assertNotInstalled(PACKAGE);
        assertThat(INSTALL_DIR).doesNotExist();
        assertThat(MENU_ENTRY).doesNotExist();
        assertThat(COMMAND).doesNotExist();

        // An ordinary user's empty home, reachable by that user.
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
        var home = new UserHome(scratch.resolve("home"));
        Files.createDirectory(home.root());
        run("chown", "nobody:nogroup", home.root().toString());

        List<Path> installed;
        try {
            run("dpkg", "-i", deb.toString());
            installed = run("dpkg", "-L", PACKAGE).lines().map(Path::of).toList();

            assertThat(installed).contains(LAUNCHER, INSTALL_DIR.resolve("lib/app/ffmpeg/ffmpeg"));
            assertMenuEntryAndIconInstalled();
            assertThat(COMMAND.toRealPath()).as("the command on the PATH").isEqualTo(LAUNCHER);
            assertThat(run(COMMAND.toString(), "--help")).contains("--smoke-test");
            var filesBefore = filesUnder(INSTALL_DIR);

            String ffmpegLine;
            try (var display = XvfbDisplay.start();
                    var studio = RunningProcess.start(
                            asUser(home, display, "--smoke-test", "--http-port=0", "--ingest-port=0"), Map.of())) {
                ffmpegLine = StudioProcess.assertSmokeTestPasses(studio);
                assertThat(studio.output())
                        .contains("with its data in " + home.dataDir())
                        .contains("FFmpeg program runs: " + INSTALL_DIR.resolve("lib/app/ffmpeg/ffmpeg"))
                        .doesNotContain("WARNING");
            }
            assertThat(ffmpegLine).contains("loaded from " + INSTALL_DIR.resolve("lib/app/ffmpeg"));
            home.assertHoldsOnlyUserData();
            assertThat(filesUnder(INSTALL_DIR))
                    .as("files in the install directory after a run")
                    .isEqualTo(filesBefore);
        } finally {
            run("dpkg", "--purge", PACKAGE);
        }

        assertThat(INSTALL_DIR).doesNotExist();
        assertThat(MENU_ENTRY).doesNotExist();
        assertThat(Files.exists(COMMAND, LinkOption.NOFOLLOW_LINKS))
                .as("the command's link")
                .isFalse();
        assertThat(installed.stream()
                        .filter(path -> path.startsWith(INSTALL_DIR) || !Files.isDirectory(path))
                        .filter(path -> Files.exists(path, LinkOption.NOFOLLOW_LINKS)))
                .as("what the package installed, after the purge")
                .isEmpty();
        assertThat(home.dataDir().resolve("db/stagedoor.mv.db"))
                .as("the user's data outlives the package")
                .isRegularFile();
    }

    /** The entry xdg-desktop-menu installed: valid, in the video menu, pointing at the launcher and a real icon. */
    private static void assertMenuEntryAndIconInstalled() throws Exception {
        assertThat(MENU_ENTRY).isRegularFile();
        assertThat(run("desktop-file-validate", MENU_ENTRY.toString()))
                .as("desktop-file-validate")
                .isEmpty();
        var entry = Files.readString(MENU_ENTRY);
        assertThat(entry)
                .contains("Name=Stagedoor Studio")
                .contains("Exec=" + LAUNCHER)
                .contains("Categories=AudioVideo;Video;")
                .contains("Terminal=false");
        var icon = Pattern.compile("(?m)^Icon=(.+)$").matcher(entry);
        assertThat(icon.find()).as("an Icon= line").isTrue();
        var image = ImageIO.read(Path.of(icon.group(1)).toFile());
        assertThat(image).as("the icon is a readable image").isNotNull();
        assertThat(image.getWidth()).isEqualTo(256);
        assertThat(image.getHeight()).isEqualTo(256);
    }

    /** The installed launcher as the user nobody, with nothing of this test's environment but the display. */
    private static List<String> asUser(UserHome home, XvfbDisplay display, String... args) {
        var command = new ArrayList<>(List.of(
                "setpriv",
                "--reuid=nobody",
                "--regid=nogroup",
                "--clear-groups",
                "--",
                "env",
                "-i",
                "PATH=/usr/bin:/bin",
                "DISPLAY=" + display.display(),
                "LANG=C.UTF-8"));
        home.environment().forEach((name, value) -> command.add(name + "=" + value));
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        return command;
    }

    private static List<String> filesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.map(Path::toString).sorted().toList();
        }
    }
}
