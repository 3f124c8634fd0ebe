package io.stagedoor.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.media.flv.FlvTag;
import io.stagedoor.server.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packager's restarts, with a stand-in for ffmpeg that notes when it starts and reads its input to the end: what
 * is measured here is when processes start, not what they make of the media.
 */
class PackagerTest {

    private static final byte[] HEADER_A = {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x28, 1};
    private static final byte[] HEADER_B = {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x28, 2};

    @TempDir
    Path dir;

    private final List<String> backingOff = new CopyOnWriteArrayList<>();
    private final AtomicInteger settled = new AtomicInteger();

    private final Packager.Listener listener = new Packager.Listener() {
        @Override
        public void segmentReady(String rendition, Duration lag) {}

        @Override
        public void rungDropped(String rung, String why) {}

        @Override
        public void restarted(String why) {}

        @Override
        public void restartsBackingOff(String why) {
            backingOff.add(why);
        }

        @Override
        public void restartsSettled() {
            settled.incrementAndGet();
        }
    };

    /** A program that appends the time it starts, in nanoseconds, to {@code starts} and then swallows its input. */
    private Path standIn() throws Exception {
        var program = dir.resolve("ffmpeg-stand-in");
        Files.writeString(program, "#!/bin/sh\ndate +%s%N >> '" + dir.resolve("starts") + "'\nexec cat > /dev/null\n");
        assertThat(program.toFile().setExecutable(true)).isTrue();
        return program;
    }

    private List<Long> starts() throws Exception {
        var file = dir.resolve("starts");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream()
                .filter(line -> !line.isBlank())
                .map(Long::parseLong)
                .toList();
    }

    private static byte[] keyframe(int size) {
        var frame = new byte[size];
        frame[0] = 0x17;
        frame[1] = 1;
        return frame;
    }

    @Test
    void aPublisherThatKeepsChangingItsHeadersMakesRestartsBackOffWithAnAlertAndItsMediaAreDropped() throws Exception {
        var config =
                TestServers.config(dir.resolve("server"), "--ingest.ladder=").ingest();
        var streamDir = Files.createDirectories(dir.resolve("stream"));
        var backoff = new RestartBackoff(Duration.ofMillis(200), Duration.ofMillis(1600), Duration.ofMillis(1500));
        try (var packager = new Packager("test", streamDir, standIn(), config, Clock.systemUTC(), listener, backoff)) {
            packager.media(new FlvTag(FlvTag.VIDEO, 0, HEADER_A));
            Eventually.until("the first run", Duration.ofSeconds(10), () -> starts().size() == 1);

            var droppedWhileWaiting = new ArrayList<Long>();
            var header = HEADER_A;
            long timestamp = 0;
            for (int i = 0; starts().size() < 7; i++) {
                if (i > 400) {
                    throw new AssertionError("Only " + starts().size() + " starts after 400 changes of headers");
                }
                header = header == HEADER_A ? HEADER_B : HEADER_A;
                packager.media(new FlvTag(FlvTag.VIDEO, timestamp, header));
                // A second of media; while a restart waits none of it may be queued.
                boolean waitingBefore = packager.backingOff();
                for (int frame = 0; frame < 30; frame++) {
                    timestamp += 33;
                    packager.media(new FlvTag(FlvTag.VIDEO, timestamp, keyframe(20_000)));
                }
                if (waitingBefore && packager.backingOff()) {
                    droppedWhileWaiting.add(packager.queuedBytes());
                }
                Thread.sleep(50); // the hostile publisher's pace
            }

            var starts = starts();
            var gaps = new ArrayList<Duration>();
            for (int i = 1; i < starts.size(); i++) {
                gaps.add(Duration.ofNanos(starts.get(i) - starts.get(i - 1)));
            }
            // The second run starts at once; then each waits at least 200, 400, 800 ms, then the cap of 1.6 s.
            assertThat(gaps.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(gaps.get(2)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(gaps.get(3)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
            assertThat(gaps.get(4)).isGreaterThanOrEqualTo(Duration.ofMillis(1600));
            assertThat(gaps.get(5)).isGreaterThanOrEqualTo(Duration.ofMillis(1600));
            assertThat(droppedWhileWaiting)
                    .as("media while a restart waits are dropped, not queued")
                    .isNotEmpty()
                    .containsOnly(0L);

            assertThat(backingOff).as("from the third restart on").hasSizeGreaterThanOrEqualTo(4);
            assertThat(backingOff.getFirst())
                    .startsWith("Packaging restarted 3 times in a row because the publisher keeps changing its video"
                            + " settings (a new H.264 sequence header each time).")
                    .contains("the next one waits 0.4 s")
                    .contains("Keep the encoder's resolution, frame rate and H.264 profile fixed while live");
            assertThat(backingOff.getLast()).contains("the next one waits 1.6 s");

            // Steady again: the alert is lifted, and the next change of settings restarts at once.
            Eventually.until("the alert lifted", Duration.ofSeconds(15), () -> settled.get() == 1);
            int before = starts().size();
            int alerts = backingOff.size();
            packager.media(new FlvTag(FlvTag.VIDEO, timestamp, header == HEADER_A ? HEADER_B : HEADER_A));
            Eventually.until("a restart at once", Duration.ofSeconds(10), () -> starts().size() == before + 1);
            assertThat(packager.backingOff()).isFalse();
            assertThat(backingOff).hasSize(alerts);
        }
    }
}
