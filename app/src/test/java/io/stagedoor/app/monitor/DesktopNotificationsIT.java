package io.stagedoor.app.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.app.testing.XvfbDisplay;
import io.stagedoor.server.testing.RunningProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A technician's alert as a real desktop shows it: a private D-Bus session on a virtual display with Debian's dunst
 * as the notification daemon, whose own {@code dunstctl} says what it showed.
 */
class DesktopNotificationsIT {

    private static final Duration RUN = Duration.ofSeconds(60);
    private static final String TITLE = "Stream alert: BITRATE_LOW";
    private static final String MESSAGE = "The ingest has received 3.1 Mbps for 20 s, below the recommended 6 Mbps.";
    private static final String WAIT_FOR_DAEMON = "i=0; until dbus-send --session --print-reply"
            + " --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner"
            + " string:org.freedesktop.Notifications | grep -q true; do"
            + " i=$((i+1)); [ $i -lt 200 ] || { echo 'dunst did not start'; exit 3; }; sleep 0.05; done";

    @TempDir
    Path home;

    /** A session bus like a desktop's, but starting no services by itself: the test decides what runs on it. */
    private static final String BUS_CONFIG = """
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:tmpdir=/tmp</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
              </policy>
            </busconfig>
            """;

    private Path busConfig;

    @BeforeEach
    void desktopHome() throws IOException {
        busConfig = Files.writeString(home.resolve("session-bus.conf"), BUS_CONFIG);
        Files.setPosixFilePermissions(
                Files.createDirectories(home.resolve("run")),
                Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));
    }

    @Test
    void anAlertReachesTheDesktopsNotificationDaemon() {
        var script = String.join(
                "\n",
                "dunst >\"$HOME/dunst.log\" 2>&1 & daemon=$!",
                WAIT_FOR_DAEMON,
                probe(),
                "echo \"displayed=$(dunstctl count displayed)\"",
                "dunstctl close-all",
                "sleep 0.3",
                "dunstctl history",
                "kill $daemon");
        var output = run(script);

        assertThat(output)
                .contains("connected=true", "taken=true", "done=true", "displayed=1")
                .containsPattern("\"appname\"\\s*:\\s*\\{[^}]*\"data\"\\s*:\\s*\"Stagedoor Studio\"")
                .containsPattern("\"summary\"\\s*:\\s*\\{[^}]*\"data\"\\s*:\\s*\"" + TITLE + "\"")
                .containsPattern("\"body\"\\s*:\\s*\\{[^}]*\"data\"\\s*:\\s*\"" + MESSAGE.replace(".", "\\.") + "\"")
                // Critical: dunst keeps it on screen until dismissed (its "timeout" 0).
                .containsPattern("\"timeout\"\\s*:\\s*\\{[^}]*\"data\"\\s*:\\s*0\\s");
    }

    @Test
    void withoutANotificationDaemonTheAlertStaysInTheWindow() {
        // A session bus, but nothing that shows notifications, and no tray on the bare X display.
        var output = run(probe());

        assertThat(output).contains("connected=false", "taken=false", "done=true");
    }

    private String probe() {
        var command = RunningProcess.javaCommand(NotificationProbe.class.getName(), TITLE, MESSAGE);
        var quoted = new StringBuilder();
        for (var part : command) {
            quoted.append('\'').append(part.replace("'", "'\\''")).append("' ");
        }
        return quoted.toString();
    }

    private String run(String script) {
        try (var display = XvfbDisplay.start()) {
            var environment = new HashMap<>(display.environment());
            environment.put("HOME", home.toString());
            environment.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
            environment.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
            environment.put("XDG_RUNTIME_DIR", home.resolve("run").toString());
            try (var process = RunningProcess.start(
                    List.of("dbus-run-session", "--config-file=" + busConfig, "--", "sh", "-c", script), environment)) {
                assertThat(process.awaitExit(RUN)).as(process.output()).isZero();
                return process.output();
            }
        }
    }
}
