package io.stagedoor.server.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time as Linux counts it, in clock ticks: a process's {@code utime + stime} from {@code /proc/PID/stat} (all
 * its threads, not its children), and the whole machine's busy time from {@code /proc/stat}.
 */
final class ProcessCpu {

    /** {@code getconf CLK_TCK}; 100 on every Linux we run on. */
    static final double TICKS_PER_SECOND = clockTicks();

    private ProcessCpu() {}

    /** utime + stime of a running process, in clock ticks. */
    static long ticks(long pid) throws IOException {
        var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Clock ticks all cores together spent busy (everything but idle and I/O wait) since boot. */
    static long machineBusyTicks() throws IOException {
        var fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().split("\\s+");
        long busy = 0;
        // cpu user nice system idle iowait irq softirq steal guest guest_nice; guest time is inside user already.
        for (int i = 1; i <= 8; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy;
    }

    /** The command line a process was started with. */
    static List<String> commandLine(long pid) throws IOException {
        var raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        var args = new ArrayList<String>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return args;
    }

    /** The executable a process runs. */
    static Path executable(long pid) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"));
    }

    static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst()
                .orElse("unknown");
    }

    private static double clockTicks() {
        try {
            var process = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            var text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor();
            return Double.parseDouble(text);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
