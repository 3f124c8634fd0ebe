package io.stagedoor.server.bench;

import io.stagedoor.server.BuildInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** What the server's benchmarks share: which of them this run is for. */
final class Benchmarks {

    private Benchmarks() {}

    /**
     * Whether the benchmark called {@code name} runs: all of them unless {@code -Dbench.only=<name>} picks one
     * ({@code all} or nothing means all).
     */
    static boolean selected(String name) {
        var only = System.getProperty("bench.only", "all").strip().toLowerCase(Locale.ROOT);
        boolean selected = only.isEmpty() || only.equals("all") || only.equals(name);
        if (!selected) {
            System.out.println("Benchmark " + name + " skipped (-Dbench.only=" + only + ")");
        }
        return selected;
    }

    /** Prints a report and writes it to {@code target/benchmarks/<name>.md}. */
    static void publish(String name, String report) throws IOException {
        System.out.println();
        System.out.println(report);
        var out = Path.of("target", "benchmarks", name + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("Written to " + out.toAbsolutePath());
    }

    /** Deletes a benchmark's working directory and everything in it. */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    /**
     * The first line of a report: which benchmark, when, and on what (version, commit, JDK, CPU, the load when it
     * started).
     */
    static String header(String benchmark, Instant startedAt, String load) throws IOException {
        return benchmark + " benchmark, " + startedAt + "; Stagedoor " + BuildInfo.version() + " at " + commit()
                + "; JDK " + System.getProperty("java.vm.name") + ' ' + System.getProperty("java.version") + "; CPU "
                + ProcessCpu.cpuModel() + " × " + Runtime.getRuntime().availableProcessors()
                + "; load average at the start " + load;
    }

    /** The commit this run measures, marked when tracked files have changed since. */
    static String commit() {
        try {
            var head = Ffmpeg.run(List.of("git", "rev-parse", "--short", "HEAD"));
            var changes = Ffmpeg.run(List.of("git", "status", "--porcelain", "--untracked-files=no"));
            return (head.isEmpty() ? "unknown" : head.getFirst()) + (changes.isEmpty() ? "" : " (with local changes)");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
