package io.stagedoor.media.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.media.MalformedMediaException;
import io.stagedoor.media.testing.CmafFromFfmpeg;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The box reader, the header and the fragments, on what FFmpeg writes for CMAF. */
class CmafReadingTest {

    private static byte[] cmaf;

    @BeforeAll
    static void encode() {
        cmaf = CmafFromFfmpeg.write(4);
    }

    private static List<Box> boxes(byte[] bytes, int slice) throws Exception {
        var boxes = new ArrayList<Box>();
        var reader = new BoxReader(16 << 20, boxes::add);
        for (int at = 0; at < bytes.length; at += slice) {
            reader.write(bytes, at, Math.min(slice, bytes.length - at));
        }
        assertThat(reader.pendingBytes()).as("the stream ends between boxes").isZero();
        return boxes;
    }

    private static List<Fragment> fragments(List<Box> boxes) throws Exception {
        var init = InitSegment.of(boxes.get(0), boxes.get(1));
        var fragments = new ArrayList<Fragment>();
        for (int i = 2; i + 1 < boxes.size(); i += 2) {
            fragments.add(Fragment.of(init, List.of(), boxes.get(i), boxes.get(i + 1)));
        }
        return fragments;
    }

    @Test
    void splitsTheStreamIntoTopLevelBoxesWrittenInAnySlices() throws Exception {
        var whole = boxes(cmaf, cmaf.length);
        var dribbled = boxes(cmaf, 7);

        assertThat(whole).extracting(Box::type).startsWith("ftyp", "moov", "moof", "mdat");
        assertThat(dribbled)
                .extracting(Box::type)
                .isEqualTo(whole.stream().map(Box::type).toList());
        assertThat(whole.stream().mapToInt(b -> b.bytes().length).sum()).isEqualTo(cmaf.length);
    }

    @Test
    void theHeaderDeclaresAVideoAndAnAudioTrack() throws Exception {
        var boxes = boxes(cmaf, cmaf.length);
        var init = InitSegment.of(boxes.get(0), boxes.get(1));

        assertThat(init.tracks()).extracting(InitSegment.Track::handler).containsExactly("vide", "soun");
        assertThat(init.tracks().get(1).timescale()).isEqualTo(48_000);
        assertThat(init.bytes())
                .hasSize(boxes.get(0).bytes().length + boxes.get(1).bytes().length);
    }

    @Test
    void fragmentsLastAboutTwoHundredMillisecondsAndAKeyframeMakesOneIndependent() throws Exception {
        var fragments = fragments(boxes(cmaf, cmaf.length));

        assertThat(fragments).hasSizeBetween(18, 22); // 4 s in fragments of 200 ms
        assertThat(fragments.getFirst().independent()).isTrue();
        assertThat(fragments.stream().filter(Fragment::independent).count())
                .as("a keyframe every second")
                .isEqualTo(4);
        Duration total = Duration.ZERO;
        for (var fragment : fragments.subList(0, fragments.size() - 1)) {
            assertThat(fragment.duration()).isBetween(Duration.ofMillis(166), Duration.ofMillis(234));
            assertThat(fragment.timing().start()).as("decode times follow on").isEqualTo(total);
            total = total.plus(fragment.duration());
        }
        assertThat(fragments).extracting(Fragment::sequence).doesNotHaveDuplicates();
    }

    @Test
    void damagedBytesAreRefusedAsMalformedAndNothingElse() throws Exception {
        var random = new Random(42);
        int refused = 0;
        for (int round = 0; round < 300; round++) {
            var damaged = cmaf.clone();
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                damaged[random.nextInt(Math.min(damaged.length, 4096))] = (byte) random.nextInt(256);
            }
            var boxes = new ArrayList<Box>();
            try {
                new BoxReader(16 << 20, boxes::add).write(damaged);
                if (boxes.size() >= 2) {
                    fragments(boxes);
                }
            } catch (MalformedMediaException expected) {
                refused++; // any other exception fails the test: the parsers must not trip over what they read
            }
        }
        assertThat(refused).as("some damage is noticed").isPositive();
    }

    @Test
    void aBoxOverTheLimitOrSmallerThanItsHeaderIsRefusedBeforeItsBytesAreHeld() {
        var reader = new BoxReader(1000, box -> {});
        assertThatThrownBy(() -> reader.write(new byte[] {0, 0, 0x10, 0, 'm', 'd', 'a', 't'}))
                .isInstanceOf(MalformedMediaException.class)
                .hasMessageContaining("\"mdat\" box of 4096 bytes, more than the 1000 allowed");
        assertThatThrownBy(() -> new BoxReader(1000, box -> {}).write(new byte[] {0, 0, 0, 4, 'f', 'r', 'e', 'e'}))
                .isInstanceOf(MalformedMediaException.class)
                .hasMessageContaining("smaller than its own 8-byte header");
        assertThatThrownBy(() -> new BoxReader(1000, box -> {}).write(new byte[] {0, 0, 0, 0, 'm', 'd', 'a', 't'}))
                .isInstanceOf(MalformedMediaException.class)
                .hasMessageContaining("runs to the end of the file");
    }

    @Test
    void aLargeSizeIsReadFromSixtyFourBits() throws Exception {
        var boxes = new ArrayList<Box>();
        var reader = new BoxReader(1000, boxes::add);
        reader.write(new byte[] {0, 0, 0, 1, 'f', 'r', 'e', 'e', 0, 0, 0, 0, 0, 0, 0, 18, 1, 2});

        assertThat(boxes).singleElement().satisfies(box -> {
            assertThat(box.type()).isEqualTo("free");
            assertThat(box.headerSize()).isEqualTo(16);
            assertThat(box.payloadSize()).isEqualTo(2);
        });
    }
}
