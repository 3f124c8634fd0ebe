package io.stagedoor.app;

import io.stagedoor.encoder.NativeLibraries;
import io.stagedoor.server.ServerMain;
import java.util.List;
import javafx.application.Application;

/**
 * {@code stagedoor}: Stagedoor Studio with a local server, or with {@code --server-only} the server alone for a
 * headless host. Kept free of JavaFX types in its own signature so that it can start as a plain main class from a
 * class path.
 */
public final class Main {

    static final String SERVER_ONLY = "--server-only";

    private Main() {}

    public static void main(String[] args) {
        NativeLibraries.configure();
        if (System.getProperty("javafx.cachedir") == null) {
            System.setProperty(
                    "javafx.cachedir",
                    NativeLibraries.cacheRoot().resolve("javafx").toString());
        }
        var arguments = List.of(args);
        if (arguments.contains(SERVER_ONLY)) {
            ServerMain.main(
                    arguments.stream().filter(a -> !a.equals(SERVER_ONLY)).toArray(String[]::new));
            return;
        }
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.println(usage());
            return;
        }
        Application.launch(StudioApplication.class, args);
    }

    static String usage() {
        return """
                Usage: stagedoor [--server-only] [--server-url=URL] [--key=value ...]

                Starts Stagedoor Studio together with a Stagedoor server on this machine.

                  --server-only     run the server alone, without a window (for headless hosts)
                  --server-url=URL  connect the studio to another Stagedoor server instead of starting one
                  --key=value       a setting for the local server, e.g. --http-port=8080;
                                    stagedoor --server-only --help lists them all
                """;
    }
}
