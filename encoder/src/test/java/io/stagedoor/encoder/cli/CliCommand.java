package io.stagedoor.encoder.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs {@code stagedoor-encoder} in a JVM of its own, with the test's class path. */
public final class CliCommand {

    private CliCommand() {}

    public static List<String> of(String... arguments) {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path")));
        var cacheDir = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cacheDir != null) {
            command.add("-Dorg.bytedeco.javacpp.cachedir=" + cacheDir);
        }
        command.add(EncoderCli.class.getName());
        command.addAll(List.of(arguments));
        return command;
    }
}
