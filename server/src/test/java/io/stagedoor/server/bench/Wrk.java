package io.stagedoor.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Debian's {@code wrk}: HTTP requests as fast as a few connections can make them, with a latency distribution. */
final class Wrk {

    static final Path EXECUTABLE = Path.of("/usr/bin/wrk");

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([0-9.]+)(\\w+), ([0-9.]+)(\\w+) read");
    private static final Pattern PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TRANSFER = Pattern.compile("Transfer/sec:\\s+([0-9.]+)(\\w+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(\\w+)\\s*$");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** What one run of wrk measured; latencies in milliseconds, transfer in bytes per second. */
    record Result(
            long requests,
            double perSecond,
            double p50Millis,
            double p99Millis,
            double bytesPerSecond,
            long non2xx,
            long socketErrors) {

        boolean clean() {
            return non2xx == 0 && socketErrors == 0 && requests > 0;
        }
    }

    private Wrk() {}

    /** Fails with the command that installs wrk when it is not there. */
    static void requireInstalled() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("The playback benchmark needs Debian's wrk at " + EXECUTABLE
                    + ", and it is not there. Install it with: sudo apt-get install -y wrk");
        }
    }

    /** Runs wrk against one address and reads its report. */
    static Result run(String url, int threads, int connections, Duration duration)
            throws IOException, InterruptedException {
        var command = List.of(
                EXECUTABLE.toString(),
                "-t" + threads,
                "-c" + connections,
                "-d" + duration.toSeconds() + "s",
                "--timeout",
                "10s",
                "--latency",
                url);
        var output = Ffmpeg.run(command);
        try {
            return parse(output);
        } catch (RuntimeException e) {
            throw new IOException(
                    "Cannot read wrk's report (" + e.getMessage() + "):\n" + String.join("\n", output), e);
        }
    }

    static Result parse(List<String> lines) {
        long requests = -1;
        double perSecond = Double.NaN;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        double transfer = Double.NaN;
        long non2xx = 0;
        long socketErrors = 0;
        for (var line : lines) {
            var m = REQUESTS.matcher(line);
            if (m.find()) {
                requests = Long.parseLong(m.group(1));
            }
            m = PER_SECOND.matcher(line);
            if (m.find()) {
                perSecond = Double.parseDouble(m.group(1));
            }
            m = TRANSFER.matcher(line);
            if (m.find()) {
                transfer = Double.parseDouble(m.group(1)) * bytes(m.group(2));
            }
            m = PERCENTILE.matcher(line);
            if (m.find()) {
                double millis = Double.parseDouble(m.group(2)) * millis(m.group(3));
                if (m.group(1).equals("50")) {
                    p50 = millis;
                } else {
                    p99 = millis;
                }
            }
            m = NON_2XX.matcher(line);
            if (m.find()) {
                non2xx = Long.parseLong(m.group(1));
            }
            m = SOCKET_ERRORS.matcher(line);
            if (m.find()) {
                for (int g = 1; g <= 4; g++) {
                    socketErrors += Long.parseLong(m.group(g));
                }
            }
        }
        if (requests < 0 || Double.isNaN(perSecond) || Double.isNaN(p99) || Double.isNaN(transfer)) {
            throw new IllegalArgumentException("a figure is missing");
        }
        return new Result(requests, perSecond, p50, p99, transfer, non2xx, socketErrors);
    }

    /** wrk prints latencies as 1.23us, 4.56ms, 1.20s or 2.00m. */
    private static double millis(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> 0.001;
            case "ms" -> 1;
            case "s" -> 1000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> throw new IllegalArgumentException("unknown time unit " + unit);
        };
    }

    /** wrk prints sizes in binary units: 1.00KB is 1024 bytes. */
    private static double bytes(String unit) {
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "B" -> 1;
            case "KB" -> 1024;
            case "MB" -> 1024.0 * 1024;
            case "GB" -> 1024.0 * 1024 * 1024;
            case "TB" -> 1024.0 * 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException("unknown size unit " + unit);
        };
    }
}
