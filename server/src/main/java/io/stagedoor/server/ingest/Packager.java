package io.stagedoor.server.ingest;

import io.stagedoor.media.codec.AacConfig;
import io.stagedoor.media.codec.AvcConfig;
import io.stagedoor.media.flv.FlvTag;
import io.stagedoor.server.config.IngestConfig;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packages one event's stream into HLS with a child {@code ffmpeg} process: the publisher's FLV goes in on its
 * standard input, and every rendition comes out as MPEG-TS segments cut on keyframes, each with a list of finished
 * segments that this class follows. A native crash in FFmpeg ends that process only: the packager starts a new one,
 * resuming at the next keyframe with the sequence headers it kept, and the playlists mark the break. New sequence
 * headers (the publisher changed its settings) and reconnects restart the process the same way. Restarts that follow
 * each other back off ({@link RestartBackoff}); while one waits, media are dropped, and the stream's health says what
 * the publisher does and what to do. A packager that falls behind real time sheds its most expensive rung. Memory is
 * bounded by the input queue ({@link #MAX_QUEUED}).
 */
final class Packager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Packager.class);
    static final String SOURCE = "source";
    /** Bytes of input waiting for the packager process at most; beyond, input is dropped until the next keyframe. */
    static final long MAX_QUEUED = 32L * 1024 * 1024;
    /** Input older than this when it reaches the process means the process is not keeping up. */
    static final Duration SLOW = Duration.ofSeconds(4);

    /** What the packager tells its stream. */
    interface Listener {
        void segmentReady(String rendition, Duration lag);

        void rungDropped(String rung, String why);

        void restarted(String why);

        /** Restarts keep coming, so the next waits; {@code why} says what the publisher does and what to do. */
        void restartsBackingOff(String why);

        /** Packaging ran steadily again after restarts backed off. */
        void restartsSettled();
    }

    /** Why a run ends while its publisher goes on, and, when that repeats, what the publisher can do about it. */
    enum Restart {
        VIDEO_SETTINGS(
                "the publisher changed its video settings",
                "keeps changing its video settings (a new H.264 sequence header each time)",
                "Keep the encoder's resolution, frame rate and H.264 profile fixed while live, and turn off anything"
                        + " that changes them by itself (dynamic resolution, a source that changes size)."),
        AUDIO_SETTINGS(
                "the publisher changed its audio settings",
                "keeps changing its audio settings (a new AAC sequence header each time)",
                "Keep the encoder's audio sample rate, channels and AAC profile fixed while live."),
        RECONNECT(
                "the publisher reconnected",
                "keeps reconnecting",
                "Check the encoder's connection and upload, and that no second encoder publishes with this stream"
                        + " key."),
        CRASH(
                "the packager process ended unexpectedly",
                "makes the packager process fail",
                "Try the encoder's standard H.264 and AAC settings; the server's log has the packager's last"
                        + " messages.");

        final String reason;
        final String behaviour;
        final String advice;

        Restart(String reason, String behaviour, String advice) {
            this.reason = reason;
            this.behaviour = behaviour;
            this.advice = advice;
        }
    }

    /** Makes the packager of an event's stream. */
    interface Factory {
        Packager create(java.util.UUID eventId, Listener listener);
    }

    /** A tag waiting for the packager process, with when it arrived and which input it belongs to. */
    private record Queued(FlvTag tag, long arrivedNanos, Instant arrivedAt, long generation) {}

    private final String name;
    private final Path dir;
    private final Path ffmpeg;
    private final IngestConfig config;
    private final Clock clock;
    private final Listener listener;
    private final Map<String, SegmentTimeline> timelines = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final List<IngestConfig.Rung> rungs;
    private final Thread writer;
    private final Thread supervisor;
    private volatile boolean closed;
    private volatile @Nullable Run run;
    private volatile boolean restartRequested;
    private volatile Restart restartCause = Restart.RECONNECT;
    /** A restart waits: no run is going, and none starts before {@link #startNotBefore}. */
    private volatile boolean backingOff;
    /** {@link System#nanoTime()} before which no run starts. */
    private volatile long startNotBefore;

    private volatile long backlogMillis;
    /**
     * Counts breaks in the input, a new publish or a restart that waits: input from before one is never written into
     * a run after it.
     */
    private volatile long generation;
    /** The publisher is gone: the run is finished and no new one starts until a publisher comes back. */
    private volatile boolean idle;
    /** The rungs of the latest run, which the playlists keep offering while no run is going. */
    private volatile List<IngestConfig.Rung> offered = List.of();
    /** When the show went on air: segments before it are a rehearsal, not part of the recording. */
    private volatile @Nullable Instant recordFrom;

    private volatile boolean showtimeKnown;

    private volatile @Nullable FlvTag avcHeader;
    private volatile @Nullable FlvTag aacHeader;
    private volatile @Nullable AvcConfig avc;
    private volatile @Nullable AacConfig aac;
    private volatile double sourceFrameRate;
    private volatile long sourcePeakBitrate;
    private volatile int runs;
    private long slowSince = -1;
    private final RestartBackoff backoff;
    /** The health says restarts back off, until a run lasts long enough. */
    private boolean backoffAlerted;

    Packager(String name, Path dir, Path ffmpeg, IngestConfig config, Clock clock, Listener listener) {
        this(name, dir, ffmpeg, config, clock, listener, RestartBackoff.standard());
    }

    Packager(
            String name,
            Path dir,
            Path ffmpeg,
            IngestConfig config,
            Clock clock,
            Listener listener,
            RestartBackoff backoff) {
        this.name = name;
        this.backoff = backoff;
        this.dir = dir;
        this.ffmpeg = ffmpeg;
        this.config = config;
        this.clock = clock;
        this.listener = listener;
        this.rungs = new ArrayList<>(config.ladder());
        try (var existing = Files.list(dir)) {
            // Renditions recorded before a server restart continue their numbering.
            existing.filter(Files::isDirectory)
                    .forEach(rendition -> timeline(rendition.getFileName().toString()));
        } catch (IOException e) {
            // a new stream: nothing to continue
        }
        this.writer = Thread.ofVirtual().name("packager-feed-" + name).start(this::feed);
        this.supervisor = Thread.ofVirtual().name("packager-" + name).start(this::supervise);
    }

    // ---- input, from the publishing session's thread

    /** An audio or video message from the publisher, in arrival order. */
    void media(FlvTag tag) {
        var payload = tag.data();
        if (tag.isAvcSequenceHeader()) {
            var previous = avcHeader;
            avcHeader = tag.withTimestamp(0);
            avc = AvcConfig.fromFlvSequenceHeader(payload);
            if (previous != null && !Arrays.equals(previous.data(), payload)) {
                requestRestart(Restart.VIDEO_SETTINGS);
            }
            return;
        }
        if (tag.isAacSequenceHeader()) {
            var previous = aacHeader;
            aacHeader = tag.withTimestamp(0);
            aac = AacConfig.fromFlvSequenceHeader(payload);
            if (previous != null && !Arrays.equals(previous.data(), payload)) {
                requestRestart(Restart.AUDIO_SETTINGS);
            }
            return;
        }
        long inputGeneration = generation; // read first: a back-off raises it before it begins
        if (backingOff) {
            return; // a restart waits: nothing would take this, and the next run starts at a keyframe
        }
        if (queuedBytes.get() + payload.length > MAX_QUEUED) {
            return; // the process is stuck; the supervisor restarts it and input resumes at a keyframe
        }
        queuedBytes.addAndGet(payload.length);
        queue.add(new Queued(tag, System.nanoTime(), clock.instant(), inputGeneration));
    }

    /** A new publish: timestamps start again, so the packager process does too. */
    void publisherBreak() {
        generation++;
        idle = false;
        requestRestart(Restart.RECONNECT);
    }

    /** The publisher went away: what it sent is packaged to the end, then the process stops. */
    void publisherEnded() {
        idle = true;
    }

    void sourceFrameRate(double frameRate) {
        this.sourceFrameRate = frameRate;
    }

    private void requestRestart(Restart cause) {
        restartCause = cause;
        restartRequested = true;
    }

    // ---- what the stream shows

    Map<String, SegmentTimeline> timelines() {
        return timelines;
    }

    /** The renditions being packaged now, source first. */
    List<Rendition> renditions() {
        var video = avc;
        if (runs == 0 || video == null) {
            return List.of();
        }
        var audio = aac;
        var audioCodecs = audio != null ? "," + audio.codecs() : "";
        var list = new ArrayList<Rendition>();
        long sourceBandwidth = Math.max(sourcePeakBitrate, 500_000);
        list.add(new Rendition(
                SOURCE, video.width(), video.height(), sourceBandwidth, video.codecs() + audioCodecs, sourceFrameRate));
        for (var rung : offered) {
            int width = (int) Math.round(video.width() * (double) rung.height() / video.height() / 2) * 2;
            double rate = sourceFrameRate > 0 ? Math.min(rung.frameRate(), sourceFrameRate) : rung.frameRate();
            long bandwidth = (long) ((rung.bitrate() + (audio != null ? 192_000 : 0)) * 1.1);
            list.add(new Rendition(
                    rung.name(),
                    width,
                    rung.height(),
                    bandwidth,
                    rungCodecs(width, rung.height(), rate) + audioCodecs,
                    rate));
        }
        return list;
    }

    /** Main profile, at the lowest level that holds the picture size and rate. */
    private static String rungCodecs(int width, int height, double rate) {
        double macroblocksPerSecond = Math.ceil(width / 16.0) * Math.ceil(height / 16.0) * rate;
        int level = macroblocksPerSecond <= 108_000 ? 31 : macroblocksPerSecond <= 245_760 ? 40 : 42;
        return String.format("avc1.4d40%02x", level);
    }

    @Nullable AvcConfig avc() {
        return avc;
    }

    @Nullable AacConfig aac() {
        return aac;
    }

    /** Input waiting for the packager process, in milliseconds of arrival time. */
    long backlogMillis() {
        return queue.isEmpty() ? 0 : backlogMillis;
    }

    /** The running packager process, for monitoring. */
    OptionalLong pid() {
        var current = run;
        return current != null && current.process.isAlive()
                ? OptionalLong.of(current.process.pid())
                : OptionalLong.empty();
    }

    // ---- the process

    private final class Run {
        final int number;
        final Process process;
        final OutputStream stdin;
        final List<IngestConfig.Rung> rungs;
        final Map<String, ListTail> lists = new LinkedHashMap<>();
        final ArrayDeque<String> errors = new ArrayDeque<>();
        final long startedNanos = System.nanoTime();
        final long generation;
        volatile boolean headersWritten;
        volatile long baseTimestamp = -1;
        volatile Instant wallAtBase = Instant.EPOCH;
        volatile boolean ending;

        Run(int number, Process process, List<IngestConfig.Rung> rungs) {
            this.number = number;
            this.process = process;
            this.stdin = new BufferedOutputStream(process.getOutputStream(), 256 * 1024);
            this.rungs = rungs;
            this.generation = Packager.this.generation;
        }
    }

    private void supervise() {
        while (!closed) {
            try {
                superviseOnce();
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("Packager {} supervision failed", name, e);
            }
        }
    }

    private void superviseOnce() throws InterruptedException {
        var current = run;
        if (current != null) {
            pollLists(current);
            if (restartRequested) {
                restartRequested = false;
                var cause = restartCause;
                endRun(current, cause.reason);
                current = null;
                backOff(cause, cause.reason);
            } else if (idle && !current.ending) {
                // Let the writer hand over what the publisher sent before it left.
                for (int i = 0; i < 40 && !queue.isEmpty(); i++) {
                    Thread.sleep(50);
                }
                endRun(current, "the publisher stopped");
                current = null;
            } else if (!current.process.isAlive()) {
                pollLists(current);
                var why = "the packager process ended unexpectedly (exit " + current.process.exitValue() + ")"
                        + lastErrors(current);
                log.warn("Packager {}: {}; starting it again", name, why);
                listener.restarted(why);
                cleanUp(current);
                run = null;
                current = null;
                backOff(Restart.CRASH, why);
            } else {
                checkPace(current);
            }
        }
        if (current == null
                && avcHeader != null
                && !idle
                && !closed
                && (!backingOff || System.nanoTime() - startNotBefore >= 0)) {
            restartRequested = false; // a restart asked for meanwhile is this start
            backingOff = false;
            startRun();
        }
    }

    /**
     * A run ended while the publisher goes on: the next starts at once, or after a delay that grows while restarts
     * keep coming. Media are dropped while it waits, and the health says why from the third restart on.
     */
    private void backOff(Restart cause, String why) {
        var delay = backoff.next();
        if (delay.isZero()) {
            return;
        }
        // What arrived before is stale by the time the next run starts, and may belong to the old settings.
        generation++;
        startNotBefore = System.nanoTime() + delay.toNanos();
        backingOff = true;
        dropQueued();
        log.warn(
                "Packager {}: restart {} in a row ({}); the next run starts in {} ms",
                name,
                backoff.streak(),
                why,
                delay.toMillis());
        if (backoff.streak() >= RestartBackoff.ALERT_FROM) {
            backoffAlerted = true;
            listener.restartsBackingOff("Packaging restarted " + backoff.streak() + " times in a row because the"
                    + " publisher " + cause.behaviour + ". Each restart interrupts the stream for viewers, so the"
                    + " next one waits " + seconds(delay) + " s and what arrives meanwhile is dropped. "
                    + cause.advice);
        }
    }

    private void dropQueued() {
        Queued queued;
        while ((queued = queue.poll()) != null) {
            queuedBytes.addAndGet(-queued.tag().data().length);
        }
    }

    /** Bytes of input waiting for the packager process. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    /** Whether a restart waits now, and media are dropped. */
    boolean backingOff() {
        return backingOff;
    }

    private static String seconds(Duration delay) {
        return delay.toMillis() % 1000 == 0
                ? String.valueOf(delay.toSeconds())
                : String.format(java.util.Locale.ROOT, "%.1f", delay.toMillis() / 1000.0);
    }

    private void checkPace(Run current) throws InterruptedException {
        if (backoff.streak() > 0
                && System.nanoTime() - current.startedNanos > backoff.settle().toNanos()) {
            backoff.settled();
            if (backoffAlerted) {
                backoffAlerted = false;
                log.info("Packager {}: running steadily again", name);
                listener.restartsSettled();
            }
        }
        if (backlogMillis() > SLOW.toMillis() && !current.rungs.isEmpty()) {
            if (slowSince < 0) {
                slowSince = System.nanoTime();
            } else if (System.nanoTime() - slowSince > TimeUnit.SECONDS.toNanos(3)) {
                var dropped = current.rungs.stream()
                        .max(Comparator.comparingLong(r -> (long) r.height() * r.height() * r.frameRate()))
                        .orElseThrow();
                rungs.remove(dropped);
                offered = offered.stream().filter(r -> !r.equals(dropped)).toList();
                var why = "transcoding " + dropped.name() + " fell " + backlogMillis() / 1000
                        + " s behind real time on this machine";
                log.warn("Packager {}: {}; dropping that rung", name, why);
                listener.rungDropped(dropped.name(), why);
                slowSince = -1;
                endRun(current, "dropping the " + dropped.name() + " rung");
                // What queued up meanwhile is stale: carry on from what arrives next.
                dropQueued();
            }
        } else {
            slowSince = -1;
        }
    }

    private void startRun() {
        var video = avc;
        int sourceHeight = video != null ? video.height() : Integer.MAX_VALUE;
        var chosen = rungs.stream().filter(r -> r.height() < sourceHeight).toList();
        var number = ++runs;
        var renditionNames = new ArrayList<String>();
        renditionNames.add(SOURCE);
        chosen.forEach(r -> renditionNames.add(r.name()));
        var outputs = new ArrayList<PackagerCommand.Output>();
        for (var rendition : renditionNames) {
            var timeline = timeline(rendition);
            outputs.add(new PackagerCommand.Output(
                    chosen.stream()
                            .filter(r -> r.name().equals(rendition))
                            .findFirst()
                            .orElse(null),
                    timeline.dir().resolve(listName(number)),
                    timeline.dir().resolve("seg-%d.ts"),
                    timeline.nextSequence()));
        }
        var command = PackagerCommand.of(ffmpeg, outputs, config.segment(), sourceFrameRate);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .directory(dir.toFile())
                    .start();
        } catch (IOException e) {
            log.error("Packager {}: cannot start {}: {}", name, ffmpeg, e.toString());
            var why = "cannot start the packager program " + ffmpeg + ": " + e.getMessage();
            listener.restarted(why);
            backOff(Restart.CRASH, why);
            return;
        }
        var started = new Run(number, process, chosen);
        offered = chosen;
        for (var rendition : renditionNames) {
            var timeline = timeline(rendition);
            if (number > 1 || !timeline.isEmpty()) {
                timeline.markBreak();
            }
            started.lists.put(rendition, new ListTail(timeline.dir().resolve(listName(number))));
        }
        Thread.ofVirtual().name("packager-log-" + name).start(() -> drainErrors(started));
        run = started;
        log.info(
                "Packager {} run {} started (pid {}): source{}",
                name,
                number,
                process.pid(),
                chosen.isEmpty()
                        ? ""
                        : " + "
                                + String.join(
                                        ", ",
                                        chosen.stream()
                                                .map(IngestConfig.Rung::name)
                                                .toList()));
    }

    private static String listName(int run) {
        return "run-" + run + ".csv";
    }

    private SegmentTimeline timeline(String rendition) {
        return timelines.computeIfAbsent(rendition, r -> {
            var timeline = new SegmentTimeline(dir.resolve(r), config.dvrWindow(), config.keepRecording());
            if (showtimeKnown) {
                timeline.recordFrom(recordFrom);
            }
            return timeline;
        });
    }

    /**
     * The show went on air at {@code onAirAt} (null: it has not; what is packaged now is a rehearsal): every
     * rendition records from there (see {@link SegmentTimeline}).
     */
    void recordFrom(@Nullable Instant onAirAt) {
        recordFrom = onAirAt;
        showtimeKnown = true;
        timelines.values().forEach(timeline -> timeline.recordFrom(onAirAt));
    }

    /** Closes the process's input so that it finishes its last segments, then waits for it briefly. */
    private void endRun(Run current, String why) throws InterruptedException {
        log.info("Packager {} run {} ending: {}", name, current.number, why);
        current.ending = true;
        try {
            synchronized (current) {
                current.stdin.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
        if (!current.process.waitFor(5, TimeUnit.SECONDS)) {
            current.process.destroyForcibly();
            current.process.waitFor(2, TimeUnit.SECONDS);
        }
        pollLists(current);
        cleanUp(current);
        run = null;
    }

    private void cleanUp(Run ended) {
        for (var tail : ended.lists.values()) {
            try {
                Files.deleteIfExists(tail.path);
            } catch (IOException ignored) {
                // a stale list is harmless
            }
        }
    }

    private void pollLists(Run current) {
        for (var entry : current.lists.entrySet()) {
            for (var line : entry.getValue().newLines()) {
                var parts = line.split(",");
                if (parts.length < 3) {
                    continue;
                }
                try {
                    double start = Double.parseDouble(parts[parts.length - 2]);
                    double end = Double.parseDouble(parts[parts.length - 1]);
                    var file = Path.of(parts[0]).getFileName().toString();
                    var startWall = current.wallAtBase.plusMillis(Math.round(start * 1000));
                    var endWall = current.wallAtBase.plusMillis(Math.round(end * 1000));
                    var timeline = timelines.get(entry.getKey());
                    if (timeline == null) {
                        continue;
                    }
                    timeline.add(file, end - start, startWall);
                    if (entry.getKey().equals(SOURCE)) {
                        noteSourceSegment(timeline.dir().resolve(file), end - start);
                        try {
                            RenditionsFile.write(dir, renditions());
                        } catch (IOException e) {
                            log.warn("Packager {}: cannot write {}: {}", name, RenditionsFile.NAME, e.toString());
                        }
                    }
                    var lag = Duration.between(endWall, clock.instant());
                    listener.segmentReady(entry.getKey(), lag.isNegative() ? Duration.ZERO : lag);
                } catch (NumberFormatException e) {
                    log.warn("Packager {}: unreadable segment list line \"{}\"", name, line);
                }
            }
        }
    }

    private void noteSourceSegment(Path file, double seconds) {
        try {
            if (seconds > 0.5) {
                long bitrate = (long) (Files.size(file) * 8 / seconds);
                sourcePeakBitrate = Math.max((long) (sourcePeakBitrate * 0.98), bitrate);
            }
        } catch (IOException ignored) {
            // deleted already
        }
    }

    private void drainErrors(Run current) {
        try (var reader =
                new BufferedReader(new InputStreamReader(current.process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.debug("ffmpeg[{}]: {}", name, line);
                synchronized (current.errors) {
                    current.errors.addLast(line);
                    if (current.errors.size() > 10) {
                        current.errors.removeFirst();
                    }
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    private static String lastErrors(Run current) {
        synchronized (current.errors) {
            return current.errors.isEmpty() ? "" : ": " + String.join(" | ", current.errors);
        }
    }

    /** Moves input from the queue into the running process, as FLV. */
    private void feed() {
        Queued pending = null;
        while (!closed) {
            Queued tag;
            try {
                if (pending != null) {
                    tag = pending;
                    pending = null;
                } else {
                    tag = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (tag == null) {
                        continue;
                    }
                    queuedBytes.addAndGet(-tag.tag().data().length);
                }
                if (tag.generation < generation) {
                    continue; // from a publish that has been replaced, or from before a restart that waited
                }
                var current = run;
                if (current == null || current.ending || current.generation != tag.generation) {
                    // The process for this publish is (re)starting: hold the input until it is there.
                    pending = tag;
                    Thread.sleep(20);
                    continue;
                }
                try {
                    synchronized (current) {
                        write(current, tag);
                    }
                } catch (IOException e) {
                    // The process died; the supervisor notices and starts another.
                    current.ending = true;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void write(Run current, Queued queued) throws IOException {
        if (!current.headersWritten) {
            current.stdin.write(FlvTag.fileHeader(aacHeader != null, true));
            var video = avcHeader;
            if (video != null) {
                video.writeTo(current.stdin);
            }
            var audio = aacHeader;
            if (audio != null) {
                audio.writeTo(current.stdin);
            }
            current.headersWritten = true;
        }
        var tag = queued.tag();
        if (current.baseTimestamp < 0) {
            if (!tag.isKeyframe()) {
                return; // every run starts on a keyframe
            }
            current.baseTimestamp = tag.timestampMillis();
            current.wallAtBase = queued.arrivedAt();
        }
        long timestamp = tag.timestampMillis() - current.baseTimestamp;
        if (timestamp < 0) {
            if (tag.isAudio()) {
                return; // audio from before the first picture
            }
            timestamp = 0;
        }
        tag.withTimestamp(timestamp).writeTo(current.stdin);
        current.stdin.flush();
        backlogMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - queued.arrivedNanos());
    }

    @Override
    public void close() {
        closed = true;
        var current = run;
        if (current != null) {
            try {
                endRun(current, "the stream is over");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                current.process.destroyForcibly();
            }
        }
        supervisor.interrupt();
        writer.interrupt();
        try {
            supervisor.join(Duration.ofSeconds(10));
            writer.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the lines a packager process appends to a segment list, as they are completed. */
    private static final class ListTail {
        private final Path path;
        private long offset;
        private final StringBuilder partial = new StringBuilder();

        ListTail(Path path) {
            this.path = path;
        }

        List<String> newLines() {
            if (!Files.exists(path)) {
                return List.of();
            }
            try (var file = new RandomAccessFile(path.toFile(), "r")) {
                long length = file.length();
                if (length < offset) {
                    offset = 0; // rewritten from the start
                    partial.setLength(0);
                }
                if (length == offset) {
                    return List.of();
                }
                var bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
                file.seek(offset);
                file.readFully(bytes);
                offset += bytes.length;
                partial.append(new String(bytes, StandardCharsets.UTF_8));
                var lines = new ArrayList<String>();
                int newline;
                while ((newline = partial.indexOf("\n")) >= 0) {
                    var line = partial.substring(0, newline).strip();
                    partial.delete(0, newline + 1);
                    if (!line.isEmpty()) {
                        lines.add(line);
                    }
                }
                return lines;
            } catch (IOException e) {
                return List.of();
            }
        }
    }
}
