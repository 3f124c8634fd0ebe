package io.stagedoor.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A program started by a test, with its output (stdout and stderr merged) collected line by line so the test can
 * wait for what it prints. Closing it stops it and everything it started.
 */
public final class RunningProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private RunningProcess(Process process) {
        this.process = process;
        this.reader =
                Thread.ofPlatform().daemon().name("output-of-" + process.pid()).start(this::readOutput);
    }

    public static RunningProcess start(List<String> command, Map<String, String> environment) {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            return new RunningProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
    }

    /**
     * A command that runs {@code mainClass} in a new JVM with the options in a java {@code @argfile}, such as the
     * {@code target/launch/*.args} files the build writes for the start command.
     */
    public static List<String> javaCommand(Path argFile, String mainClass, String... args) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + argFile);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /** A command that runs {@code mainClass} in a new JVM on this JVM's class path, with the same native flags. */
    public static List<String> javaCommand(String mainClass, String... args) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private void readOutput() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process went away; what it printed so far stays readable.
        }
    }

    /**
     * Waits until a line matches {@code regex} and returns the match.
     *
     * @throws AssertionError with the whole output when the time runs out or the process ends first
     */
    public Matcher awaitLine(String regex, Duration timeout) {
        var pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    var matcher = pattern.matcher(lines.get(seen));
                    if (matcher.find()) {
                        return matcher;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    throw new AssertionError("No line matching /" + regex + "/ within " + timeout + " (process "
                            + (process.isAlive() ? "still running" : "exited with " + process.exitValue())
                            + "). Output:\n" + output());
                }
                try {
                    lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted", e);
                }
            }
        }
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Still running after " + timeout + ". Output:\n" + output());
            }
            reader.join(timeout.toMillis());
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** Asks the process to stop as an operator would (SIGTERM) and returns its exit code. */
    public int terminate(Duration timeout) {
        // Process.destroy() would also close our end of its output, losing what it prints while stopping.
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    public long pid() {
        return process.pid();
    }

    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
