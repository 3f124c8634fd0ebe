package io.stagedoor.server.bench;

import io.stagedoor.api.live.RenditionHealth;
import io.stagedoor.api.live.StreamAlert;
import io.stagedoor.api.live.StreamState;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the server's live ingest costs, against the {@code ffmpeg} CLI doing the same work, in one run on one machine:
 *
 * <ol>
 *   <li>CPU per 1080p30 6 Mbps stream passed through (no ladder): the server JVM plus its packager {@code ffmpeg},
 *       against {@code ffmpeg -listen 1 -i rtmp://… -c copy -f hls} receiving the same stream;
 *   <li>how many such streams at once the machine keeps in real time;
 *   <li>CPU of one transcoded rung (720p30 at 3 Mbps from the same source), against {@code ffmpeg -listen 1} with the
 *       packager's own arguments.
 * </ol>
 *
 * Every stream is Debian's {@code ffmpeg -re -c copy} publishing a prepared recording over RTMP, in real time, the
 * same way to ours and to the references. CPU is {@code utime + stime} from {@code /proc} over a measured window after
 * a warm-up, per second of wall time: CPU-seconds per second of content.
 *
 * <p>{@code ./mvnw -q -Pbench -pl server -am verify -DskipTests -Dbench.only=ingest} (see docs/BENCHMARKS.md).
 */
public final class IngestBenchmark {

    static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmup", 10);
    static final int MEASURE_SECONDS = Integer.getInteger("bench.seconds", 30);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    static final List<Integer> STREAM_STEPS = Arrays.stream(
                    System.getProperty("bench.streams", "1,2,4,8,12,16,24,32,48,64,80,96,128")
                            .split(","))
            .map(String::strip)
            .map(Integer::valueOf)
            .toList();
    /** Which parts run: 1 passthrough, 2 streams at once, 3 one rung. */
    static final String PARTS = System.getProperty("bench.parts", "1,2,3");

    static final int IDLE_SECONDS = 10;
    static final String RUNG = "720p30:3000k";
    /** A step holds while every stream arrives at this rate at least (the recording carries about 6.1 Mbps)… */
    static final long HOLD_BITRATE = 5_700_000;
    /** …and every segment is ready within this time of its last frame arriving. */
    static final long HOLD_LAG_MILLIS = 2_000;
    /** Health is read this often per stream while many streams run; each read is an HTTP call to the server. */
    static final Duration HEALTH_EVERY = Duration.ofSeconds(10);

    static final int HEALTH_READERS = 8;

    private static final long JVM = ProcessHandle.current().pid();

    /** CPU-seconds per second of wall time over one measured window. */
    record Usage(double jvm, double ffmpeg, double publishers, double machine) {
        /** What the ingest costs: the server JVM and its ffmpeg processes, or a reference ffmpeg alone. */
        double total() {
            return jvm + ffmpeg;
        }
    }

    /** One round of part 1 or 3: ours, then the two references, back to back. */
    record Round(Usage ours, Usage debian, Usage bundled, StreamCheck check) {}

    /** What the server's health said at the end of a measured window. */
    record StreamCheck(
            long bitrate10s, long maxLagMillis, long sourceSegments, List<String> renditions, String alerts) {

        boolean keepsUp() {
            return bitrate10s >= HOLD_BITRATE && maxLagMillis < HOLD_LAG_MILLIS;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%.2f Mbps, lag ≤ %d ms, %d source segments, renditions %s%s",
                    bitrate10s / 1e6,
                    maxLagMillis,
                    sourceSegments,
                    renditions,
                    alerts.isEmpty() ? "" : ", alerts " + alerts);
        }
    }

    /** One step of part 2. */
    record Step(
            int streams,
            boolean holds,
            String why,
            Usage usage,
            long minBitrate10s,
            long maxLagMillis,
            long minSegments) {}

    private final Path work;
    private final Path recording;
    private final int recordingSeconds;
    private int counter;

    private IngestBenchmark(Path work, Path recording, int recordingSeconds) {
        this.work = work;
        this.recording = recording;
        this.recordingSeconds = recordingSeconds;
    }

    public static void main(String[] args) throws Exception {
        if (!Benchmarks.selected("ingest")) {
            return;
        }
        var startedAt = Instant.now();
        var load = Files.readString(Path.of("/proc/loadavg")).strip();
        // Long enough that many publishers still send while the health of every stream is read.
        int seconds = Math.max(90, WARM_UP_SECONDS + MEASURE_SECONDS + 50);
        System.out.println("Preparing the 1080p30 6 Mbps recording (" + seconds + " s) …");
        var recording = Ffmpeg.pattern(1920, 1080, 6000, seconds).toAbsolutePath();
        var work = Files.createTempDirectory("stagedoor-ingest-bench-");
        try {
            new IngestBenchmark(work, recording, seconds).run(startedAt, load);
        } finally {
            Benchmarks.deleteTree(work);
        }
        // The server's JavaCV and HTTP client threads are not all daemons.
        System.exit(0);
    }

    private void run(Instant startedAt, String load) throws Exception {
        double idle;
        var passthrough = new ArrayList<Round>();
        List<Step> steps;
        var bundledFfmpeg = "";
        // Segments older than a minute are deleted, as the reference's delete_segments does: many streams at once
        // would otherwise leave gigabytes behind on a shared disk.
        try (var server = server(
                        "--ingest.ladder=",
                        "--ingest.keep-recording=false",
                        "--ingest.dvr-minutes=1",
                        "--ingest.max-publishers=" + (Collections.max(STREAM_STEPS) + 8),
                        // Every publisher here comes from this machine, up to 64 a second while a step starts.
                        "--ingest.max-pending-per-address=512");
                var organiser = Organisers.signedIn(server.baseUri(), "Bench Organiser")) {
            eventOnSale(organiser, "Warm-up");
            idle = idleJvm();
            System.out.printf(Locale.ROOT, "Idle server JVM: %.4f CPU-s/s%n", idle);
            for (int round = 1; PARTS.contains("1") && round <= ROUNDS; round++) {
                var ours = ours(server, organiser, "passthrough " + round);
                bundledFfmpeg = ours.executable().toString();
                var exe = bundledFfmpeg;
                var debian = reference("hls-debian", url -> hls(Ffmpeg.DEBIAN, url));
                var bundled = reference("hls-javacv", url -> hls(exe, url));
                var done = new Round(ours.usage(), debian, bundled, ours.check());
                passthrough.add(done);
                System.out.println("Passthrough round " + round + ": " + done);
            }
            steps = PARTS.contains("2") ? concurrentStreams(server, organiser) : List.of();
        }
        var transcoded = new ArrayList<Round>();
        List<String> packagerCommand = List.of();
        if (PARTS.contains("3")) {
            try (var server = server("--ingest.ladder=" + RUNG);
                    var organiser = Organisers.signedIn(server.baseUri(), "Bench Organiser")) {
                for (int round = 1; round <= ROUNDS; round++) {
                    var ours = ours(server, organiser, "rung " + round);
                    packagerCommand = ours.command();
                    bundledFfmpeg = ours.executable().toString();
                    var debian = reference("rung-debian", sameArguments(packagerCommand, Ffmpeg.DEBIAN));
                    var bundled = reference("rung-javacv", sameArguments(packagerCommand, bundledFfmpeg));
                    var done = new Round(ours.usage(), debian, bundled, ours.check());
                    transcoded.add(done);
                    System.out.println("Rung round " + round + ": " + done);
                }
            }
        }
        var report = report(startedAt, load, bundledFfmpeg, idle, passthrough, steps, transcoded, packagerCommand);
        Benchmarks.publish("ingest", report);
    }

    // ---- the server side

    private StagedoorServer server(String... flags) throws IOException {
        var dataDir = Files.createDirectories(work.resolve("server-" + ++counter));
        return StagedoorServer.start(TestDatabase.H2.config(dataDir, flags));
    }

    private static UUID eventOnSale(StagedoorClient organiser, String title) {
        return Organisers.eventOnSale(organiser, title).id();
    }

    /** The server JVM's own CPU with one event on sale and nobody publishing. */
    private static double idleJvm() throws Exception {
        Thread.sleep(5_000);
        var window = Window.open(List.of(JVM), List.of(), List.of());
        Thread.sleep(IDLE_SECONDS * 1000L);
        return window.close().jvm();
    }

    private record Ours(Usage usage, StreamCheck check, List<String> command, Path executable) {}

    /** One stream published to our server: the server JVM and the event's packager process are measured. */
    private Ours ours(StagedoorServer server, StagedoorClient organiser, String title) throws Exception {
        var event = eventOnSale(organiser, title);
        var url = organiser.streams().endpoint(event).publishUrl();
        var publisher = Ffmpeg.publish(recording, url, work.resolve("logs").resolve(slug(title) + ".log"));
        try {
            long started = System.nanoTime();
            long packager = awaitPackager(server, event);
            sleepUntil(started + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS));
            var command = ProcessCpu.commandLine(packager);
            var executable = ProcessCpu.executable(packager);
            var window = Window.open(List.of(JVM), List.of(packager), List.of(publisher.pid()));
            Thread.sleep(MEASURE_SECONDS * 1000L);
            var usage = window.close();
            var check = check(organiser, event);
            if (!check.keepsUp()) {
                System.out.println("Warning: " + title + " did not keep up: " + check);
            }
            return new Ours(usage, check, command, executable);
        } finally {
            Ffmpeg.stop(publisher);
            awaitNoPackager(server, event);
        }
    }

    private static long awaitPackager(StagedoorServer server, UUID event) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            var pid = server.ingest().packagerPid(event);
            if (pid.isPresent()) {
                return pid.getAsLong();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("No packager process for event " + event + " after 15 s");
    }

    /** The packager finishes its last segments after the publisher stops; that is not part of the next window. */
    private static void awaitNoPackager(StagedoorServer server, UUID event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (server.ingest().packagerPid(event).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static StreamCheck check(StagedoorClient organiser, UUID event) {
        var health = organiser.streams().health(event);
        long source = health.renditions().stream()
                .filter(r -> r.name().equals("source"))
                .mapToLong(RenditionHealth::segments)
                .findFirst()
                .orElse(0);
        return new StreamCheck(
                health.state() == StreamState.LIVE ? health.bitrate10s() : 0,
                health.renditions().stream()
                        .mapToLong(RenditionHealth::packagingLagMillis)
                        .max()
                        .orElse(Long.MAX_VALUE),
                source,
                health.renditions().stream().map(RenditionHealth::name).toList(),
                String.join(
                        ", ", health.alerts().stream().map(StreamAlert::code).toList()));
    }

    // ---- the references

    /** {@code ffmpeg -listen 1} receiving the same stream over RTMP and writing HLS, as a passthrough would. */
    private static List<String> hls(String executable, String url) {
        return List.of(
                executable,
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "warning",
                "-listen",
                "1",
                "-i",
                url,
                "-c",
                "copy",
                "-f",
                "hls",
                "-hls_time",
                "2",
                "-hls_list_size",
                "6",
                "-hls_flags",
                "delete_segments",
                "out.m3u8");
    }

    /**
     * The packager's own command line, read from the running process, with its input taken from RTMP instead of
     * the server's pipe and its output in another directory: the same work, done by the ffmpeg CLI alone.
     */
    private static Function<String, List<String>> sameArguments(List<String> packager, String executable) {
        int list = packager.indexOf("-segment_list");
        var streamDir = Path.of(packager.get(list + 1)).getParent().getParent().toString();
        return url -> {
            var command = new ArrayList<String>();
            command.add(executable);
            for (int i = 1; i < packager.size(); i++) {
                var arg = packager.get(i);
                if (arg.equals("-i") && packager.get(i + 1).equals("pipe:0")) {
                    command.addAll(List.of("-listen", "1", "-i", url));
                    i++;
                } else if (arg.startsWith(streamDir)) {
                    // relative to the reference's working directory
                    command.add(arg.substring(streamDir.length() + 1));
                } else {
                    command.add(arg);
                }
            }
            return command;
        };
    }

    /** A reference listening for the stream, published to the same way as ours; only the reference is counted. */
    private Usage reference(String name, Function<String, List<String>> command) throws Exception {
        var out = Files.createDirectories(work.resolve(name + "-" + ++counter));
        int port = Ffmpeg.freePort();
        var url = "rtmp://127.0.0.1:" + port + "/live/bench";
        var arguments = command.apply(url);
        for (var arg : arguments) {
            if (arg.endsWith(".ts") || arg.endsWith(".csv")) {
                Files.createDirectories(out.resolve(arg).getParent());
            }
        }
        var logs = work.resolve("logs");
        Files.createDirectories(logs);
        var listener = new ProcessBuilder(arguments)
                .directory(out.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + "-" + counter + ".log").toFile())
                .start();
        Process publisher = null;
        try {
            Ffmpeg.awaitListening(port, Duration.ofSeconds(10));
            publisher = Ffmpeg.publish(recording, url, logs.resolve(name + "-" + counter + "-publisher.log"));
            long started = System.nanoTime();
            sleepUntil(started + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS));
            var window = Window.open(List.of(), List.of(listener.pid()), List.of(publisher.pid()));
            Thread.sleep(MEASURE_SECONDS * 1000L);
            var usage = window.close();
            long segments;
            try (var files = Files.walk(out)) {
                segments = files.filter(f -> f.toString().endsWith(".ts")).count();
            }
            if (segments == 0) {
                throw new IllegalStateException(name + " wrote no segments; see " + logs);
            }
            return usage;
        } finally {
            if (publisher != null) {
                Ffmpeg.stop(publisher);
            }
            if (!listener.waitFor(10, TimeUnit.SECONDS)) {
                Ffmpeg.stop(listener);
            }
        }
    }

    // ---- part 2: streams at once

    private List<Step> concurrentStreams(StagedoorServer server, StagedoorClient organiser) throws Exception {
        var events = new ArrayList<UUID>();
        var urls = new ArrayList<String>();
        var steps = new ArrayList<Step>();
        for (int n : STREAM_STEPS) {
            while (events.size() < n) {
                var event = eventOnSale(organiser, "Stream " + (events.size() + 1));
                events.add(event);
                urls.add(organiser.streams().endpoint(event).publishUrl());
            }
            var step = step(server, organiser, events.subList(0, n), urls.subList(0, n));
            steps.add(step);
            System.out.println("Concurrent streams: " + step);
            if (!step.holds()) {
                break;
            }
        }
        return steps;
    }

    private Step step(StagedoorServer server, StagedoorClient organiser, List<UUID> events, List<String> urls)
            throws Exception {
        int n = events.size();
        var publishers = new ArrayList<Process>();
        try {
            // Spread over one segment, as independent broadcasters' keyframes would be.
            for (int i = 0; i < n; i++) {
                publishers.add(Ffmpeg.publish(
                        recording, urls.get(i), work.resolve("logs").resolve("streams-" + n + "-" + i + ".log")));
                Thread.sleep(2_000 / n);
            }
            long started = System.nanoTime();
            var packagers = new ArrayList<Long>();
            for (var event : events) {
                try {
                    packagers.add(awaitPackager(server, event));
                } catch (IllegalStateException e) {
                    return new Step(n, false, e.getMessage(), new Usage(0, 0, 0, 0), 0, 0, 0);
                }
            }
            sleepUntil(started + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS));
            var atStart = checks(organiser, events);
            long left = recordingSeconds * 1_000_000_000L - (System.nanoTime() - started);
            if (left < TimeUnit.SECONDS.toNanos(MEASURE_SECONDS + 5)) {
                return new Step(n, false, "reading the streams' health took too long", new Usage(0, 0, 0, 0), 0, 0, 0);
            }
            var why = new LinkedHashSet<String>();
            long minBitrate = Long.MAX_VALUE;
            long maxLag = 0;
            var window = Window.open(
                    List.of(JVM),
                    packagers,
                    publishers.stream().map(Process::pid).toList());
            long opened = System.nanoTime();
            long end = opened + TimeUnit.SECONDS.toNanos(MEASURE_SECONDS);
            // Every HEALTH_EVERY within the window, and once right after it: the 10 s bitrates cover all of it.
            for (long next = opened + HEALTH_EVERY.toNanos(); next < end; next += HEALTH_EVERY.toNanos()) {
                sleepUntil(next);
                for (var check : checks(organiser, events)) {
                    minBitrate = Math.min(minBitrate, check.bitrate10s());
                    maxLag = Math.max(maxLag, check.maxLagMillis());
                }
            }
            sleepUntil(end);
            Usage usage;
            try {
                usage = window.close();
            } catch (IOException e) {
                usage = new Usage(0, 0, 0, 0);
                why.add(e.getMessage());
            }
            var atEnd = checks(organiser, events);
            long minSegments = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                minBitrate = Math.min(minBitrate, atEnd.get(i).bitrate10s());
                maxLag = Math.max(maxLag, atEnd.get(i).maxLagMillis());
                minSegments = Math.min(
                        minSegments,
                        atEnd.get(i).sourceSegments() - atStart.get(i).sourceSegments());
                if (server.ingest().packagerPid(events.get(i)).orElse(-1) != packagers.get(i)) {
                    why.add("a packager restarted");
                }
            }
            if (minBitrate < HOLD_BITRATE) {
                why.add(String.format(Locale.ROOT, "a stream arrived at %.2f Mbps", minBitrate / 1e6));
            }
            if (maxLag >= HOLD_LAG_MILLIS) {
                why.add("a segment was ready " + maxLag + " ms after its end");
            }
            // Segments are 2 s: a window of 30 s ends at least 14 of them on every stream that keeps real time.
            if (minSegments < MEASURE_SECONDS / 2 - 1) {
                why.add("a stream finished only " + minSegments + " segments");
            }
            if (publishers.stream().anyMatch(p -> !p.isAlive())) {
                why.add("a publisher gave up");
            }
            return new Step(n, why.isEmpty(), String.join("; ", why), usage, minBitrate, maxLag, minSegments);
        } finally {
            for (var publisher : publishers) {
                publisher.destroy();
            }
            for (var publisher : publishers) {
                Ffmpeg.stop(publisher);
            }
            for (var event : events) {
                awaitNoPackager(server, event);
            }
        }
    }

    /** The health of many streams, read a few at a time so that a round stays short when the machine is busy. */
    private static List<StreamCheck> checks(StagedoorClient organiser, List<UUID> events) throws Exception {
        try (var readers = Executors.newFixedThreadPool(HEALTH_READERS)) {
            var futures = events.stream()
                    .map(event -> readers.submit(() -> check(organiser, event)))
                    .toList();
            var checks = new ArrayList<StreamCheck>();
            for (var future : futures) {
                checks.add(future.get());
            }
            return checks;
        }
    }

    // ---- measuring

    /** CPU ticks of the server JVM, of ffmpeg processes and of publishers, and of the whole machine, from a start. */
    private record Window(
            List<Long> jvm,
            List<Long> ffmpeg,
            List<Long> publishers,
            long[] startTicks,
            long machineStart,
            long startNanos) {

        static Window open(List<Long> jvm, List<Long> ffmpeg, List<Long> publishers) throws IOException {
            var all = Stream.of(jvm, ffmpeg, publishers).flatMap(List::stream).toList();
            var start = new long[all.size()];
            for (int i = 0; i < start.length; i++) {
                start[i] = ProcessCpu.ticks(all.get(i));
            }
            return new Window(
                    List.copyOf(jvm),
                    List.copyOf(ffmpeg),
                    List.copyOf(publishers),
                    start,
                    ProcessCpu.machineBusyTicks(),
                    System.nanoTime());
        }

        Usage close() throws IOException {
            long machine = ProcessCpu.machineBusyTicks() - machineStart;
            double wall = (System.nanoTime() - startNanos) / 1e9;
            var groups = List.of(jvm, ffmpeg, publishers);
            var seconds = new double[3];
            int index = 0;
            for (int g = 0; g < 3; g++) {
                for (long pid : groups.get(g)) {
                    long ticks;
                    try {
                        ticks = ProcessCpu.ticks(pid);
                    } catch (IOException e) {
                        throw new IOException("process " + pid + " ended during the measured window", e);
                    }
                    seconds[g] += (ticks - startTicks[index++]) / ProcessCpu.TICKS_PER_SECOND;
                }
            }
            return new Usage(
                    seconds[0] / wall,
                    seconds[1] / wall,
                    seconds[2] / wall,
                    machine / ProcessCpu.TICKS_PER_SECOND / wall);
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    // ---- the report

    private static String report(
            Instant startedAt,
            String load,
            String bundledFfmpeg,
            double idle,
            List<Round> passthrough,
            List<Step> steps,
            List<Round> transcoded,
            List<String> packagerCommand)
            throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        var r = new StringBuilder();
        r.append(Benchmarks.header("Ingest", startedAt, load))
                .append("\n\nDebian's ffmpeg: ")
                .append(Ffmpeg.version(Ffmpeg.DEBIAN))
                .append("\nJavaCV's ffmpeg (the packager's): ")
                .append(Ffmpeg.version(bundledFfmpeg))
                .append(String.format(
                        Locale.ROOT,
                        "%nSource: a 1080p30 H.264 High test pattern at 6 Mbps CBR with AAC 128 kbps (FLV), published"
                                + " in real time by Debian's `ffmpeg -re -i … -c copy -f flv rtmp://…`. Warm-up %d s,"
                                + " measured %d s; CPU-s/s = (utime + stime) / wall time; medians of %d round(s), each"
                                + " round ours then the two references.%n",
                        WARM_UP_SECONDS,
                        MEASURE_SECONDS,
                        ROUNDS));

        r.append("\n### 1. One 6 Mbps stream passed through (no ladder)\n\n");
        r.append(String.format(Locale.ROOT, "Idle server JVM (one event, nobody publishing): %.4f CPU-s/s%n", idle));
        if (!passthrough.isEmpty()) {
            r.append('\n');
            cpuTable(
                    r,
                    passthrough,
                    "`ffmpeg -listen 1 -i rtmp://… -c copy -f hls -hls_time 2 -hls_list_size 6 -hls_flags"
                            + " delete_segments`");
        }
        if (!steps.isEmpty()) {
            streamsTable(r, steps, cores);
        }
        if (!transcoded.isEmpty()) {
            r.append("\n### 3. One transcoded rung, ").append(RUNG).append(", from the 1080p30 6 Mbps source\n\n");
            cpuTable(r, transcoded, "`ffmpeg -listen 1 -i rtmp://…` with the packager's own arguments");
            r.append("\nThe packager's command line (the references run it with `-listen 1 -i rtmp://…` for")
                    .append(" `-i pipe:0`):\n\n```\n")
                    .append(String.join(" ", packagerCommand))
                    .append("\n```\n");
        }
        return r.toString();
    }

    private static void streamsTable(StringBuilder r, List<Step> steps, int cores) {
        r.append("\n### 2. 6 Mbps passthrough streams at once\n\n")
                .append("Each stream is its own event and its own publisher; the publishers run on the same ")
                .append(cores)
                .append(" cores. A step holds when every stream arrives at ≥ ")
                .append(HOLD_BITRATE / 100_000 / 10.0)
                .append(" Mbps over 10 s, every segment is ready < ")
                .append(HOLD_LAG_MILLIS)
                .append(" ms after its end (each stream's health read over HTTP every ")
                .append(HEALTH_EVERY.toSeconds())
                .append(" s, by this JVM, so counted in it), each finishes ≥ ")
                .append(MEASURE_SECONDS / 2 - 1)
                .append(" segments in the window, and no packager restarts.\n\n")
                .append("| streams | holds | ours CPU-s/s (JVM + packagers) | per stream | JVM | packagers |")
                .append(" publishers (not counted) | machine busy, cores of ")
                .append(cores)
                .append(
                        " | … of which the rest (other programs, kernel) | min Mbps (10 s) | max lag ms | min segments |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (var s : steps) {
            var u = s.usage();
            r.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %.3f | %.4f | %.3f | %.3f | %.3f | %.2f | %.2f | %.2f | %d | %d |%n",
                    s.streams(),
                    s.holds() ? "yes" : "no: " + s.why(),
                    u.total(),
                    u.total() / s.streams(),
                    u.jvm(),
                    u.ffmpeg(),
                    u.publishers(),
                    u.machine(),
                    u.machine() - u.total() - u.publishers(),
                    s.minBitrate10s() / 1e6,
                    s.maxLagMillis(),
                    s.minSegments()));
        }
        var held = steps.stream().filter(Step::holds).mapToInt(Step::streams).max();
        r.append("\nLargest number of streams that held: ")
                .append(held.isPresent() ? String.valueOf(held.getAsInt()) : "none")
                .append(steps.stream().allMatch(Step::holds) ? " (every step tried held; the limit is higher)" : "")
                .append('\n');
    }

    private static void cpuTable(StringBuilder r, List<Round> rounds, String reference) {
        r.append("| CPU-s/s | median | rounds |\n|---|---|---|\n");
        row(
                r,
                "ours: server JVM + its packager ffmpeg",
                "%.3f",
                rounds,
                round -> round.ours().total());
        row(r, "… the server JVM", "%.3f", rounds, round -> round.ours().jvm());
        row(
                r,
                "… the packager ffmpeg (JavaCV's)",
                "%.3f",
                rounds,
                round -> round.ours().ffmpeg());
        row(
                r,
                "reference: Debian's " + reference,
                "%.3f",
                rounds,
                round -> round.debian().ffmpeg());
        row(
                r,
                "reference: JavaCV's ffmpeg, same command",
                "%.3f",
                rounds,
                round -> round.bundled().ffmpeg());
        row(
                r,
                "ratio ours / Debian's",
                "%.2f×",
                rounds,
                round -> round.ours().total() / round.debian().ffmpeg());
        row(
                r,
                "ratio ours / JavaCV's",
                "%.2f×",
                rounds,
                round -> round.ours().total() / round.bundled().ffmpeg());
        row(
                r,
                "ratio packager alone / JavaCV's",
                "%.2f×",
                rounds,
                round -> round.ours().ffmpeg() / round.bundled().ffmpeg());
        row(
                r,
                "publisher during ours (not counted)",
                "%.3f",
                rounds,
                round -> round.ours().publishers());
        row(
                r,
                "machine busy during ours, cores",
                "%.2f",
                rounds,
                round -> round.ours().machine());
        r.append("\nServer health at the end of each window of ours: ")
                .append(String.join(
                        "; ",
                        rounds.stream().map(round -> round.check().toString()).toList()))
                .append('\n');
    }

    /** A table row: the median of a figure over the rounds, then each round's. */
    private static void row(
            StringBuilder r, String label, String format, List<Round> rounds, Function<Round, Double> value) {
        var values = rounds.stream().map(value).toList();
        r.append("| ")
                .append(label)
                .append(" | ")
                .append(String.format(Locale.ROOT, format, median(values)))
                .append(" | ")
                .append(String.join(
                        ", ",
                        values.stream()
                                .map(v -> String.format(Locale.ROOT, format, v))
                                .toList()))
                .append(" |\n");
    }

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
