package io.stagedoor.encoder.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.encoder.NginxRtmp;
import io.stagedoor.encoder.Preset;
import io.stagedoor.encoder.cli.CliCommand;
import io.stagedoor.encoder.codec.VideoEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPU-seconds per second of content: our live pipeline (the CLI in its own JVM) against Debian's {@code ffmpeg} with
 * the same source graph and encoder settings, both publishing in real time to the same nginx-rtmp, one after the
 * other in one run. CPU is read from {@code /proc/PID/stat} in the steady state only (after a warm-up), so start-up
 * costs of either program do not count. Run with {@code ./mvnw -Pbench verify -pl encoder -am}; not part of the test
 * suite.
 */
class EncoderCpuBench {

    static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmup", 10);
    static final int MEASURE_SECONDS = Integer.getInteger("bench.seconds", 30);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 1);
    static final double CLOCK_TICKS_PER_SECOND = 100;

    @TempDir
    Path dir;

    @Test
    void ourPipelineAgainstTheFfmpegCli() throws Exception {
        var report = new StringBuilder();
        // JavaCV's own ffmpeg executable is built from the same FFmpeg and x264 as the libraries our pipeline uses, so
        // ours against it is our pipeline's overhead alone; Debian's ffmpeg is the reference users have.
        var bundled = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        report.append("| preset | ours (CPU-s/s) | JavaCV's ffmpeg CLI | ratio | Debian's ffmpeg CLI | ratio |\n")
                .append("|---|---|---|---|---|---|\n");
        try (var nginx = NginxRtmp.start(dir, "bench")) {
            for (var preset : List.of(Preset.P720_30, Preset.P1080_30)) {
                var ours = new ArrayList<Double>();
                var sameLibraries = new ArrayList<Double>();
                var reference = new ArrayList<Double>();
                for (int round = 0; round < ROUNDS; round++) {
                    ours.add(measure(ourCommand(preset, nginx.url("bench"))));
                    sameLibraries.add(measure(ffmpegCommand(bundled, "hms24hh\\:%.3f", preset, nginx.url("bench"))));
                    reference.add(measure(ffmpegCommand("ffmpeg", "hms\\:%.3f\\:24HH", preset, nginx.url("bench"))));
                }
                double o = median(ours);
                double b = median(sameLibraries);
                double r = median(reference);
                report.append(String.format(
                        Locale.ROOT,
                        "| %s | %.3f %s | %.3f %s | %.2f× | %.3f %s | %.2f× |%n",
                        preset.id(),
                        o,
                        rounded(ours),
                        b,
                        rounded(sameLibraries),
                        o / b,
                        r,
                        rounded(reference),
                        o / r));
            }
        }
        report.append("\nJDK ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.version"))
                .append("; CPU ")
                .append(cpuModel())
                .append(" × ")
                .append(Runtime.getRuntime().availableProcessors())
                .append("; ")
                .append(firstLine(List.of("ffmpeg", "-version")))
                .append("; warm-up ")
                .append(WARM_UP_SECONDS)
                .append(" s, measured ")
                .append(MEASURE_SECONDS)
                .append(" s, rounds ")
                .append(ROUNDS)
                .append('\n');
        System.out.println(report);
        Files.writeString(Path.of("target", "encoder-cpu-bench.md"), report);
        assertThat(report).contains("720p30").contains("1080p30");
    }

    private List<String> ourCommand(Preset preset, String url) {
        return CliCommand.of(
                "--source",
                "testpattern",
                "--encoder",
                "x264",
                "--preset",
                preset.id(),
                "--url",
                url,
                "--duration",
                (WARM_UP_SECONDS + MEASURE_SECONDS + 5) + "s");
    }

    /**
     * The same graph as our test pattern; {@code clockFormat} because FFmpeg 5.1 (Debian's) and 8.0 (JavaCV's) spell
     * the clock's format differently.
     */
    private static List<String> ffmpegCommand(String executable, String clockFormat, Preset preset, String url) {
        var settings = preset.settings();
        var video = settings.video();
        var font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        double offset = LocalTime.now().toNanoOfDay() / 1e9;
        var graph = String.format(
                Locale.ROOT,
                "testsrc2=size=%dx%d:rate=%d,drawtext=fontfile='%s':text='%%{pts\\:" + clockFormat + "}':fontsize=%d"
                        + ":fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=%d:x=(w-tw)/2:y=h-th-%d[out0];"
                        + "sine=frequency=1000:sample_rate=48000,aformat=channel_layouts=stereo[out1]",
                video.width(),
                video.height(),
                video.frameRate(),
                font,
                offset,
                video.height() / 12,
                video.height() / 60,
                video.height() / 18);
        return List.of(
                executable,
                "-v",
                "error",
                "-re",
                "-f",
                "lavfi",
                "-i",
                graph,
                "-t",
                String.valueOf(WARM_UP_SECONDS + MEASURE_SECONDS + 5),
                "-c:v",
                "libx264",
                "-pix_fmt",
                "yuv420p",
                "-profile:v",
                "high",
                "-preset",
                VideoEncoder.X264_PRESET,
                "-b:v",
                video.bitrateKbps() + "k",
                "-maxrate",
                video.maxrateKbps() + "k",
                "-bufsize",
                video.bufsizeKbps() + "k",
                "-g",
                String.valueOf(video.gopFrames()),
                "-x264-params",
                VideoEncoder.x264Params(video),
                "-c:a",
                "aac",
                "-profile:a",
                "aac_low",
                "-b:a",
                settings.audio().bitrateKbps() + "k",
                "-ar",
                "48000",
                "-ac",
                "2",
                "-f",
                "flv",
                "-flvflags",
                "no_duration_filesize",
                url);
    }

    /** CPU-seconds per second over the measuring window, after the warm-up. */
    private double measure(List<String> command) throws Exception {
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        dir.resolve("bench-" + System.nanoTime() + ".log").toFile())
                .start();
        try {
            Thread.sleep(WARM_UP_SECONDS * 1000L);
            assertThat(process.isAlive())
                    .as("%s is running", command.getFirst())
                    .isTrue();
            long startTicks = cpuTicks(process.pid());
            long startNanos = System.nanoTime();
            Thread.sleep(MEASURE_SECONDS * 1000L);
            long endTicks = cpuTicks(process.pid());
            double wall = (System.nanoTime() - startNanos) / 1e9;
            return (endTicks - startTicks) / CLOCK_TICKS_PER_SECOND / wall;
        } finally {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** utime + stime of a process (and its threads), in clock ticks. */
    private static long cpuTicks(long pid) throws IOException {
        var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static List<String> rounded(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList();
    }

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst()
                .orElse("unknown");
    }

    private static String firstLine(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return text.lines().findFirst().orElse("");
    }
}
