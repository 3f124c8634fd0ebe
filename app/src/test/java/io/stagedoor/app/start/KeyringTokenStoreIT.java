package io.stagedoor.app.start;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.server.testing.RunningProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the studio keeps its session tokens, on a Linux desktop with a keyring and on one without: a private D-Bus
 * session with GNOME's keyring daemon (Debian's gnome-keyring), read back with libsecret's own {@code secret-tool},
 * so that the token is seen in the real Secret Service and not only through the library that wrote it.
 */
class KeyringTokenStoreIT {

    private static final Duration RUN = Duration.ofSeconds(60);
    private static final String SERVER = "https://tickets.example.org/";
    private static final String TOKEN = "sd_9nVq3xT0yRr8kLmZ2wP4aBcDeFgHiJkL";

    @TempDir
    Path home;

    private Path config;

    @BeforeEach
    void desktopHome() throws IOException {
        config = home.resolve(".config/stagedoor");
        Files.createDirectories(config);
        var runtime = Files.createDirectories(home.resolve("run"));
        Files.setPosixFilePermissions(
                runtime,
                Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));
    }

    @Test
    void aDesktopWithASecretServiceKeepsTheTokenInItsKeyringAndNoFile() {
        var script = String.join(
                "\n",
                // The keyring a desktop session unlocks at login, with the login password.
                "printf 'login password' | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null",
                probe("save", SERVER, TOKEN),
                "printf 'lookup=%s\\n' \"$(secret-tool lookup service 'Stagedoor Studio' account '" + SERVER + "')\"",
                probe("read", SERVER),
                probe("forget", SERVER),
                "printf 'after=%s\\n' \"$(secret-tool lookup service 'Stagedoor Studio' account '" + SERVER + "')\"");
        var output = run(List.of("dbus-run-session", "--", "sh", "-c", script));

        assertThat(output)
                .contains("store=the system keyring (GNOME_KEYRING)")
                .contains("lookup=" + TOKEN)
                .contains("token=" + TOKEN)
                .contains("done=forget")
                .containsPattern("(?m)^after=$")
                .doesNotContain("tokens.properties");
        assertThat(config.resolve("tokens.properties")).doesNotExist();
    }

    @Test
    void withoutASecretServiceTheTokenGoesToAFileOnlyTheUserCanRead() throws IOException {
        // No session bus at all, as on a server or in a bare X session.
        var script = String.join("\n", probe("save", SERVER, TOKEN), probe("read", SERVER));
        var output = run(List.of("sh", "-c", script));

        assertThat(output).contains("store=").contains("tokens.properties").contains("token=" + TOKEN);
        var file = config.resolve("tokens.properties");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    private String probe(String... args) {
        var command = new ArrayList<>(RunningProcess.javaCommand(KeyringProbe.class.getName(), config.toString()));
        command.addAll(List.of(args));
        var quoted = new StringBuilder();
        for (var part : command) {
            quoted.append('\'').append(part.replace("'", "'\\''")).append("' ");
        }
        return quoted.toString();
    }

    private String run(List<String> command) {
        var environment = Map.of(
                "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                "XDG_DATA_HOME", home.resolve(".local/share").toString(),
                "XDG_CACHE_HOME", home.resolve(".cache").toString(),
                "XDG_RUNTIME_DIR", home.resolve("run").toString(),
                "DBUS_SESSION_BUS_ADDRESS", "");
        try (var process = RunningProcess.start(command, environment)) {
            assertThat(process.awaitExit(RUN)).as(process.output()).isZero();
            return process.output();
        }
    }
}
