package io.stagedoor.app.bench;

import io.stagedoor.app.Main;
import io.stagedoor.app.localserver.LocalServer;
import io.stagedoor.app.start.FileTokenStore;
import io.stagedoor.app.start.StartViewModel;
import io.stagedoor.app.start.StudioSettings;
import io.stagedoor.app.testing.XvfbDisplay;
import io.stagedoor.app.workspace.WorkspaceFixture;
import io.stagedoor.server.testing.RunningProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Start to first interactive window: the studio started as the README's start command starts it, by a returning
 * organiser (saved session, an event with sales), on a virtual display, until the workspace shows its events with
 * their figures; next to the smallest JavaFX window started the same way. Rounds are interleaved; medians are
 * printed. {@code ./mvnw -q -Pbench -pl api-client,encoder,server,app verify -DskipTests} (docs/BENCHMARKS.md).
 */
public final class StartupBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 5);
        var studioArgs = Path.of(System.getProperty("stagedoor.studio.args", "target/launch/studio.args"));
        var home = Files.createTempDirectory("stagedoor-startup-bench-");
        var dataDir = home.resolve("data");
        var configDir = home.resolve("config");
        prepareReturningOrganiser(dataDir, configDir);

        var launch = withTestClassesAndSettings(studioArgs, configDir, home.resolve("bench.args"));
        var shown = new ArrayList<Long>();
        var interactive = new ArrayList<Long>();
        var bare = new ArrayList<Long>();
        try (var display = XvfbDisplay.start()) {
            for (int round = 0; round < rounds; round++) {
                try (var studio = RunningProcess.start(
                        RunningProcess.javaCommand(
                                launch,
                                Main.class.getName(),
                                "--http-port=0",
                                "--ingest-port=0",
                                "--data-dir=" + dataDir),
                        display.environment())) {
                    interactive.add(millis(studio, "workspace interactive"));
                    shown.add(millis(studio, "window shown"));
                    studio.terminate(Duration.ofSeconds(30));
                }
                try (var reference = RunningProcess.start(
                        RunningProcess.javaCommand(launch, BareWindow.class.getName()), display.environment())) {
                    bare.add(millis(reference, "window shown"));
                    reference.terminate(Duration.ofSeconds(30));
                }
                System.out.printf(
                        "round %d: studio window %d ms, interactive %d ms; bare JavaFX window %d ms%n",
                        round + 1, shown.getLast(), interactive.getLast(), bare.getLast());
            }
        }
        System.out.printf(
                "median of %d: studio window shown %d ms, workspace interactive %d ms; bare JavaFX window %d ms;"
                        + " ratio interactive / bare %.2f%n",
                rounds, median(shown), median(interactive), median(bare), (double) median(interactive) / median(bare));
    }

    private static long millis(RunningProcess process, String milestone) {
        return Long.parseLong(process.awaitLine("Startup: " + milestone + " after (\\d+) ms", Duration.ofMinutes(2))
                .group(1));
    }

    /** An organiser with a saved session and events with a few sales, as after some days of use. */
    private static void prepareReturningOrganiser(Path dataDir, Path configDir) {
        try (var server = LocalServer.start(List.of("--http-port=0", "--ingest-port=0", "--data-dir=" + dataDir));
                var fixture = new WorkspaceFixture(server.baseUri(), "Bench Organiser")) {
            for (int e = 0; e < 5; e++) {
                var sale = fixture.eventOnSale("Show " + e);
                for (int b = 0; b < 3; b++) {
                    fixture.buy(sale, "Buyer " + b, "buyer" + b + "@example.org", 1);
                }
            }
            new FileTokenStore(configDir.resolve("tokens.properties"))
                    .save(
                            StartViewModel.LOCAL,
                            Objects.requireNonNull(fixture.organiser().token()));
            StudioSettings.load(configDir).markLocalOrganiserExists();
        }
    }

    private static Path withTestClassesAndSettings(Path args, Path configDir, Path target) throws Exception {
        var lines = new ArrayList<>(Files.readAllLines(args));
        int classPath = lines.indexOf("-cp") + 1;
        var value = lines.get(classPath);
        lines.set(
                classPath,
                value.substring(0, value.length() - 1) + File.pathSeparator
                        + Path.of(System.getProperty("stagedoor.test.classes", "target/test-classes"))
                                .toAbsolutePath()
                        + "\"");
        lines.add("-D" + StudioSettings.CONFIG_DIR_PROPERTY + "=" + configDir);
        Files.write(target, lines);
        return target;
    }

    private static long median(List<Long> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
