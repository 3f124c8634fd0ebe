package io.stagedoor.app;

import io.stagedoor.encoder.NativeLibraries;
import io.stagedoor.server.ServerMain;
import io.stagedoor.server.config.ConfigLoader;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;

/**
 * {@code stagedoor}: Stagedoor Studio with a local server, or with {@code --server-only} the server alone for a
 * headless host. Kept free of JavaFX types in its own signature so that it can start as a plain main class from a
 * class path.
 */
public final class Main {

    static final String SERVER_ONLY = "--server-only";

    /**
     * Set by an installed image's launcher to the {@code ffmpeg} program it ships beside its FFmpeg libraries
     * (docs/decisions/0030-studio-installers.md); the server then runs that one rather than unpacking its own copy.
     */
    static final String BUNDLED_FFMPEG = "stagedoor.ffmpeg";

    private Main() {}

    public static void main(String[] args) {
        NativeLibraries.configure();
        if (System.getProperty("javafx.cachedir") == null) {
            System.setProperty(
                    "javafx.cachedir",
                    NativeLibraries.cacheRoot().resolve("javafx").toString());
        }
        var arguments = withBundledFfmpeg(List.of(args));
        if (arguments.contains(SERVER_ONLY)) {
            ServerMain.main(
                    arguments.stream().filter(a -> !a.equals(SERVER_ONLY)).toArray(String[]::new));
            return;
        }
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.println(usage());
            return;
        }
        if (arguments.contains(SmokeTest.FLAG)) {
            SmokeTest.startTimeLimit();
            try {
                Application.launch(StudioApplication.class, arguments.toArray(String[]::new));
            } catch (RuntimeException e) {
                SmokeTest.failed("window", String.valueOf(e.getMessage()));
            }
            System.exit(SmokeTest.exitStatus());
        }
        Application.launch(StudioApplication.class, arguments.toArray(String[]::new));
    }

    /**
     * Adds {@code --ingest.ffmpeg=} naming the image's own program when the launcher named one and the settings
     * (file, environment, flags) leave it to the default. Invalid settings are left for the server to report.
     */
    static List<String> withBundledFfmpeg(List<String> arguments) {
        var bundled = System.getProperty(BUNDLED_FFMPEG);
        if (bundled == null || bundled.isBlank()) {
            return arguments;
        }
        var serverFlags = arguments.stream()
                .filter(a -> !a.equals(SERVER_ONLY) && !a.equals(SmokeTest.FLAG))
                .filter(a -> !a.startsWith(LaunchOptions.SERVER_URL))
                .filter(a -> !a.equals("--help") && !a.equals("-h"))
                .toList();
        try {
            if (ConfigLoader.forThisProcess()
                    .load(serverFlags)
                    .ingest()
                    .ffmpeg()
                    .isPresent()) {
                return arguments;
            }
        } catch (RuntimeException e) {
            return arguments;
        }
        var withProgram = new ArrayList<String>();
        withProgram.add("--ingest.ffmpeg=" + bundled);
        withProgram.addAll(arguments);
        return List.copyOf(withProgram);
    }

    static String usage() {
        return """
                Usage: stagedoor [--server-only] [--server-url=URL] [--smoke-test] [--key=value ...]

                Starts Stagedoor Studio together with a Stagedoor server on this machine.

                  --server-only     run the server alone, without a window (for headless hosts)
                  --server-url=URL  connect the studio to another Stagedoor server instead of starting one
                  --smoke-test      open the window, start the local server, connect to it, load FFmpeg,
                                    print one line per step and exit (0 when everything works)
                  --key=value       a setting for the local server, e.g. --http-port=8080;
                                    stagedoor --server-only --help lists them all
                """;
    }
}
