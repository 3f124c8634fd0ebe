package io.stagedoor.media.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.media.MalformedMediaException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class FlvTagTest {

    /** An AVC video tag body: frame type, AVCPacketType 1, composition time 0, then 4-byte-length NAL units. */
    static byte[] avcFrame(int frameType, int... nalHeaders) {
        var out = new ByteArrayOutputStream();
        out.write(frameType << 4 | 7);
        out.write(1);
        out.write(0);
        out.write(0);
        out.write(0);
        for (int header : nalHeaders) {
            out.write(0);
            out.write(0);
            out.write(0);
            out.write(3);
            out.write(header);
            out.write(0xAA);
            out.write(0xBB);
        }
        return out.toByteArray();
    }

    @Test
    void keyframesAndSequenceHeadersAreToldApart() {
        var keyframe = new FlvTag(FlvTag.VIDEO, 0, avcFrame(1, 0x65));
        var avcHeader = new FlvTag(FlvTag.VIDEO, 0, new byte[] {0x17, 0, 0, 0, 0, 1, 0x64});
        var aacHeader = new FlvTag(FlvTag.AUDIO, 0, new byte[] {(byte) 0xAF, 0, 0x11, (byte) 0x90});
        var aacFrame = new FlvTag(FlvTag.AUDIO, 21, new byte[] {(byte) 0xAF, 1, 0x21});

        assertThat(keyframe.isKeyframe()).isTrue();
        assertThat(keyframe.isSequenceHeader()).isFalse();
        assertThat(avcHeader.isSequenceHeader()).isTrue();
        assertThat(avcHeader.isKeyframe()).isFalse();
        assertThat(aacHeader.isSequenceHeader()).isTrue();
        assertThat(aacFrame.isSequenceHeader()).isFalse();
        assertThat(aacFrame.isKeyframe()).isFalse();
    }

    @Test
    void aFrameIsDisposableOnlyWhenNoSliceInItIsAReference() {
        // nal_ref_idc is bits 5-6 of the NAL header: 0x01 is a non-reference slice, 0x21/0x41 reference slices.
        assertThat(new FlvTag(FlvTag.VIDEO, 0, avcFrame(2, 0x01)).isDisposable())
                .isTrue();
        assertThat(new FlvTag(FlvTag.VIDEO, 0, avcFrame(2, 0x06, 0x01)).isDisposable())
                .as("an SEI (never a reference) before a non-reference slice")
                .isTrue();
        assertThat(new FlvTag(FlvTag.VIDEO, 0, avcFrame(2, 0x21)).isDisposable())
                .isFalse();
        assertThat(new FlvTag(FlvTag.VIDEO, 0, avcFrame(2, 0x01, 0x41)).isDisposable())
                .isFalse();
        assertThat(new FlvTag(FlvTag.VIDEO, 0, avcFrame(2, 0x06)).isDisposable())
                .as("no slice at all")
                .isFalse();
        assertThat(new FlvTag(FlvTag.VIDEO, 0, avcFrame(1, 0x05)).isDisposable())
                .isFalse();
        assertThat(new FlvTag(FlvTag.AUDIO, 0, new byte[] {(byte) 0xAF, 1, 0}).isDisposable())
                .isFalse();
    }

    @Test
    void aTagSurvivesTheRoundTripThroughAFileInPiecesOfAnySize() throws IOException {
        var file = new ByteArrayOutputStream();
        file.writeBytes(FlvTag.fileHeader(true, true));
        var written = new ArrayList<FlvTag>();
        for (int i = 0; i < 50; i++) {
            var data = new byte[i * 37 + 1];
            data[0] = (byte) (i % 2 == 0 ? 0x27 : 0xAF);
            // Timestamps past 2^24 ms use FLV's extension byte.
            long timestamp = i * 1000L + (i > 40 ? 0x1_000_000L : 0);
            var tag = new FlvTag(i % 2 == 0 ? FlvTag.VIDEO : FlvTag.AUDIO, timestamp, data);
            written.add(tag);
            file.writeBytes(tag.toFileBytes());
        }
        byte[] bytes = file.toByteArray();
        for (int piece : new int[] {1, 7, 4096, bytes.length}) {
            var read = new ArrayList<FlvTag>();
            try (var reader = new FlvTagReader(read::add)) {
                for (int at = 0; at < bytes.length; at += piece) {
                    reader.write(bytes, at, Math.min(piece, bytes.length - at));
                }
            }
            assertThat(read).as("pieces of %d bytes", piece).hasSize(50);
            for (int i = 0; i < 50; i++) {
                assertThat(read.get(i).type()).isEqualTo(written.get(i).type());
                assertThat(read.get(i).timestampMillis())
                        .isEqualTo(written.get(i).timestampMillis());
                assertThat(read.get(i).data()).isEqualTo(written.get(i).data());
            }
        }
    }

    @Test
    void somethingThatIsNotFlvIsRefused() {
        var reader = new FlvTagReader(tag -> {});
        assertThatThrownBy(() -> reader.write("GIF89a-and-more".getBytes()))
                .isInstanceOf(MalformedMediaException.class)
                .hasMessageContaining("Not an FLV stream");
    }

    @Test
    void aCorruptHeaderOrTagIsRefusedWithWhatWasWrong() {
        var header = FlvTag.fileHeader(true, true);
        header[8] = 2; // a header "2 bytes" long: shorter than its own fields
        assertThatThrownBy(() -> new FlvTagReader(tag -> {}).write(header))
                .isInstanceOf(MalformedMediaException.class)
                .hasMessageContaining("file header of 2 bytes");

        var strayType = new FlvTag(FlvTag.VIDEO, 0, new byte[] {0x17, 1}).toFileBytes();
        strayType[0] = 7;
        var reader = new FlvTagReader(tag -> {});
        assertThatThrownBy(() -> {
                    reader.write(FlvTag.fileHeader(true, true));
                    reader.write(strayType);
                })
                .isInstanceOf(MalformedMediaException.class)
                .hasMessageContaining("tag of type 7");
    }
}
