package io.stagedoor.server.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.media.MalformedMediaException;
import io.stagedoor.media.mp4.BoxReader;
import io.stagedoor.media.mp4.InitSegment;
import io.stagedoor.media.testing.CmafFromFfmpeg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cutter on what FFmpeg writes for CMAF (Debian's ffmpeg, H.264 with a keyframe every second, fragments of about
 * 200 ms): parts as written, segments that start on a keyframe and close at the first one past the target, and
 * segments that play, as {@code ffprobe} reads them.
 */
class PartCutterTest {

    private static byte[] cmaf;

    @TempDir
    Path dir;

    /** What the cutter told, in order. */
    private static final class Recorded implements PartCutter.Listener {
        final List<InitSegment> inits = new ArrayList<>();
        final List<PartCutter.Part> parts = new ArrayList<>();
        final List<PartCutter.Segment> segments = new ArrayList<>();
        final List<String> order = new ArrayList<>();

        @Override
        public void init(InitSegment init) {
            inits.add(init);
            order.add("init");
        }

        @Override
        public void part(PartCutter.Part part) {
            parts.add(part);
            order.add("part " + part.segment() + "." + part.index());
        }

        @Override
        public void segmentClosed(PartCutter.Segment segment) {
            segments.add(segment);
            order.add("segment " + segment.sequence());
        }
    }

    @BeforeAll
    static void encode() {
        cmaf = CmafFromFfmpeg.write(7);
    }

    private static byte[] run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        process.getOutputStream().close();
        var output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
        return output;
    }

    private Recorded cut(byte[] bytes, int slice) throws IOException {
        var recorded = new Recorded();
        var cutter = new PartCutter(Duration.ofSeconds(2), 100, recorded);
        var reader = new BoxReader(16 << 20, cutter);
        for (int at = 0; at < bytes.length; at += slice) {
            reader.write(bytes, at, Math.min(slice, bytes.length - at));
        }
        cutter.finish();
        return recorded;
    }

    @Test
    void partsAsWrittenAndSegmentsFromKeyframeToTheFirstKeyframePastTheTarget() throws Exception {
        var recorded = cut(cmaf, 4096);

        assertThat(recorded.inits).hasSize(1);
        assertThat(recorded.order.getFirst()).isEqualTo("init");
        assertThat(recorded.parts).hasSizeBetween(33, 37); // 7 s in parts of 200 ms
        assertThat(recorded.segments)
                .as("7 s with a keyframe each second, cut at the first past 2 s: 2 + 2 + 2 + 1")
                .extracting(PartCutter.Segment::sequence)
                .containsExactly(100L, 101L, 102L, 103L);
        for (var segment : recorded.segments) {
            assertThat(segment.parts().getFirst().independent()).isTrue();
            assertThat(segment.parts())
                    .extracting(PartCutter.Part::index)
                    .isEqualTo(
                            java.util.stream.IntStream.range(0, segment.parts().size())
                                    .boxed()
                                    .toList());
        }
        for (var segment : recorded.segments.subList(0, 3)) {
            assertThat(segment.duration()).isBetween(Duration.ofMillis(1_990), Duration.ofMillis(2_010));
        }
        assertThat(recorded.order.getLast())
                .as("the last segment closes when the stream ends")
                .isEqualTo("segment 103");
        int before = recorded.order.indexOf("segment 100");
        assertThat(recorded.order.get(before - 1))
                .as("a segment closes before the part that opens the next")
                .startsWith("part 100.");
        assertThat(recorded.order.get(before + 1)).isEqualTo("part 101.0");
    }

    @Test
    void aSegmentWithItsInitPlaysInFfprobe() throws Exception {
        var recorded = cut(cmaf, 65_536);
        var segment = recorded.segments.get(1);
        var file = dir.resolve("segment.mp4");
        Files.write(file, recorded.inits.getFirst().bytes());
        Files.write(file, segment.bytes(), java.nio.file.StandardOpenOption.APPEND);

        var probe = new String(
                run(List.of(
                        "ffprobe",
                        "-v",
                        "error",
                        "-count_frames",
                        "-select_streams",
                        "v:0",
                        "-show_entries",
                        "stream=codec_name,nb_read_frames",
                        "-of",
                        "csv=p=0",
                        file.toString())),
                StandardCharsets.UTF_8);

        assertThat(probe.strip()).isEqualTo("h264,60");
    }

    @Test
    void theSameCutHoweverTheBytesArrive() throws Exception {
        var whole = cut(cmaf, cmaf.length);
        var dribbled = cut(cmaf, 333);

        assertThat(dribbled.order).isEqualTo(whole.order);
    }

    @Test
    void fragmentsBeforeTheHeaderOrAnMdatWithoutItsMoofAreRefused() {
        var withoutHeader = java.util.Arrays.copyOfRange(cmaf, indexOfBox(cmaf, "moof"), cmaf.length);
        assertThatThrownBy(() -> cut(withoutHeader, 4096))
                .isInstanceOf(MalformedMediaException.class)
                .hasMessageContaining("before the ftyp and moov");

        int mdat = indexOfBox(cmaf, "mdat");
        var withoutMoof = new byte[cmaf.length - (mdat - indexOfBox(cmaf, "moof"))];
        System.arraycopy(cmaf, 0, withoutMoof, 0, indexOfBox(cmaf, "moof"));
        System.arraycopy(cmaf, mdat, withoutMoof, indexOfBox(cmaf, "moof"), cmaf.length - mdat);
        assertThatThrownBy(() -> cut(withoutMoof, 4096))
                .isInstanceOf(MalformedMediaException.class)
                .hasMessageContaining("mdat box without the moof");
    }

    /** Where the first top-level box of {@code type} starts. */
    private static int indexOfBox(byte[] bytes, String type) {
        int at = 0;
        while (at + 8 <= bytes.length) {
            var found = new String(bytes, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (found.equals(type)) {
                return at;
            }
            at += (int) (((bytes[at] & 0xFFL) << 24)
                    | ((bytes[at + 1] & 0xFF) << 16)
                    | ((bytes[at + 2] & 0xFF) << 8)
                    | (bytes[at + 3] & 0xFF));
        }
        throw new AssertionError("No " + type + " box");
    }
}
