package io.stagedoor.app.broadcast;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Debian's ffprobe, errors only, its output as lines. */
final class Ffprobe {

    private Ffprobe() {}

    static List<String> lines(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output.lines().toList();
    }
}
