package io.stagedoor.packaging;

import static io.stagedoor.packaging.Commands.assertNotInstalled;
import static io.stagedoor.packaging.Commands.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stagedoor.server.BuildInfo;
import io.stagedoor.server.testing.RunningProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's .deb: its control data and files as dpkg sees them, and, where the test runs as root, installed with
 * dpkg, started by hand the way its systemd unit starts it (as the stagedoor user, with the unit's environment), and
 * purged again, leaving nothing behind. systemd itself is not running here: the unit is checked with
 * {@code systemd-analyze verify}, not started.
 */
class ServerDebianPackageIT {

    private static final String PACKAGE = "stagedoor-server";
    private static final List<Path> INSTALLED = List.of(
            Path.of("/opt/stagedoor-server"),
            Path.of("/etc/stagedoor"),
            Path.of("/usr/bin/stagedoor-server"),
            Path.of("/lib/systemd/system/stagedoor-server.service"),
            Path.of("/var/lib/stagedoor"),
            Path.of("/var/cache/stagedoor"),
            Path.of("/usr/share/doc/stagedoor-server"));

    private static Path deb;

    @TempDir
    Path scratch;

    @BeforeAll
    static void findThePackage() {
        deb = Path.of(System.getProperty("stagedoor.serverDeb"));
        assertThat(deb).as("the .deb").isRegularFile();
    }

    @Test
    void declaresItselfAndHoldsTheServerItsRuntimeSettingsAndUnit() throws Exception {
        var info = run("dpkg-deb", "--field", deb.toString(), "Package", "Version", "Architecture", "Depends");
        assertThat(info)
                .contains("Package: stagedoor-server")
                .contains("Version: " + BuildInfo.version().replace('-', '~'))
                .contains("Architecture: amd64")
                .contains("libasound2 | libasound2t64");
        assertThat(run("dpkg-deb", "--info", deb.toString(), "conffiles")).isEqualTo("/etc/stagedoor/stagedoor.conf");

        var contents = run("dpkg-deb", "--contents", deb.toString());
        assertThat(contents)
                .contains("./opt/stagedoor-server/bin/stagedoor-server")
                .contains("./opt/stagedoor-server/runtime/bin/java")
                .contains("./opt/stagedoor-server/lib/stagedoor-server-" + BuildInfo.version() + ".jar")
                .contains("./opt/stagedoor-server/conf -> /etc/stagedoor")
                .contains("./usr/bin/stagedoor-server -> /opt/stagedoor-server/bin/stagedoor-server")
                .contains("./lib/systemd/system/stagedoor-server.service")
                .contains("-rw-r----- root/root")
                .doesNotContain("javafx");

        var unpacked = scratch.resolve("unpacked");
        run("dpkg-deb", "--extract", deb.toString(), unpacked.toString());
        var unit = Files.readString(unpacked.resolve("lib/systemd/system/stagedoor-server.service"));
        assertThat(unit)
                .contains("User=stagedoor")
                .contains("ExecStart=/opt/stagedoor-server/bin/stagedoor-server")
                .contains("Environment=STAGEDOOR_CONFIG=/etc/stagedoor/stagedoor.conf")
                .contains("NoNewPrivileges=yes")
                .contains("ProtectSystem=strict")
                .contains("ReadWritePaths=/var/lib/stagedoor /var/cache/stagedoor")
                .contains("Restart=on-failure")
                .contains("SuccessExitStatus=143");
        var settings = Files.readAllLines(unpacked.resolve("etc/stagedoor/stagedoor.conf"));
        assertThat(settings.stream().filter(line -> !line.isEmpty() && !line.startsWith("#")))
                .as("the only active setting")
                .containsExactly("data.dir=/var/lib/stagedoor");

        var runtimeVersion =
                run(unpacked.resolve("opt/stagedoor-server/runtime/bin/java").toString(), "-version");
        assertThat(runtimeVersion).as("the bundled runtime runs").contains("version \"");
    }

    @Test
    void installsRunsAsItsOwnUserAndPurgesWithoutATrace() throws Exception {
        assumeTrue(System.getProperty("user.name").equals("root"), "dpkg -i needs root");
        assertNotInstalled(PACKAGE);
        boolean userExisted =
                !run("sh", "-c", "getent passwd stagedoor || true").isEmpty();
        assertThat(INSTALLED).allSatisfy(path -> assertThat(path).doesNotExist());
        try {
            run("dpkg", "-i", deb.toString());

            assertThat(run("id", "-un", "stagedoor")).isEqualTo("stagedoor");
            assertThat(ownerAndMode(Path.of("/var/lib/stagedoor"))).isEqualTo("stagedoor:stagedoor rwxr-x---");
            assertThat(ownerAndMode(Path.of("/etc/stagedoor/stagedoor.conf"))).isEqualTo("root:stagedoor rw-r-----");
            assertThat(run("systemd-analyze", "verify", "/lib/systemd/system/stagedoor-server.service"))
                    .as("systemd's own check of the unit")
                    .isEmpty();
            assertThat(run("/usr/bin/stagedoor-server", "--version"))
                    .isEqualTo("Stagedoor server " + BuildInfo.version());

            // As the unit starts it: its user, its environment, the installed settings; no Java but the bundled one.
            var command = new ArrayList<>(List.of(
                    "setpriv",
                    "--reuid=stagedoor",
                    "--regid=stagedoor",
                    "--init-groups",
                    "--",
                    "/usr/bin/stagedoor-server",
                    "--http-host=127.0.0.1",
                    "--http-port=0",
                    "--ingest-host=127.0.0.1",
                    "--ingest-port=0",
                    "--ingest-ladder="));
            var environment = Map.of(
                    "PATH", "/usr/bin:/bin",
                    "HOME", "/var/lib/stagedoor",
                    "STAGEDOOR_CONFIG", "/etc/stagedoor/stagedoor.conf",
                    "XDG_CACHE_HOME", "/var/cache");
            try (var server = RunningProcess.start(command, environment)) {
                var address = URI.create(server.awaitLine(ServerTarballIT.LISTENING, ServerTarballIT.START)
                        .group(1));
                assertThat(Path.of("/proc/" + server.pid() + "/exe").toRealPath())
                        .as("the bundled runtime runs the server")
                        .isEqualTo(Path.of("/opt/stagedoor-server/runtime/bin/java"));
                ServerTarballIT.assertStreamBecomesHlsAndSigtermStopsEverything(server, address, scratch);
            }
            assertThat(ownerAndMode(Path.of("/var/lib/stagedoor/db/stagedoor.mv.db")))
                    .startsWith("stagedoor:stagedoor");
            assertThat(Path.of("/var/cache/stagedoor/javacpp"))
                    .as("FFmpeg unpacked into the cache")
                    .isDirectory();
        } finally {
            run("dpkg", "--purge", PACKAGE);
            // Purge keeps the data and the user on purpose (postrm says so); this test made them, so it removes them.
            run("rm", "-rf", "/var/lib/stagedoor");
            if (!userExisted) {
                run("sh", "-c", "userdel stagedoor 2>/dev/null; groupdel stagedoor 2>/dev/null; true");
            }
        }
        assertThat(INSTALLED).allSatisfy(path -> assertThat(path).doesNotExist());
        if (!userExisted) {
            assertThat(run("sh", "-c", "getent passwd stagedoor; getent group stagedoor; true"))
                    .isEmpty();
        }
    }

    private static String ownerAndMode(Path path) throws IOException {
        var attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attributes.owner().getName() + ":" + attributes.group().getName() + " "
                + PosixFilePermissions.toString(attributes.permissions());
    }
}
