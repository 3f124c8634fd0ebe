package io.stagedoor.media.flv;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stagedoor.media.MalformedMediaException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The FLV reader on any bytes, written in slices of any size: it hands out tags or ends with {@link
 * MalformedMediaException}, nothing else; and the tags it hands out, written again, read back the same.
 */
class FlvTagReaderFuzzTest {

    static List<byte[]> seeds() {
        var file = new ByteArrayOutputStream();
        file.writeBytes(FlvTag.fileHeader(true, true));
        file.writeBytes(
                new FlvTag(FlvTag.SCRIPT, 0, new byte[] {2, 0, 10, 'o', 'n', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a'})
                        .toFileBytes());
        file.writeBytes(new FlvTag(FlvTag.VIDEO, 0, new byte[] {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f}).toFileBytes());
        file.writeBytes(new FlvTag(FlvTag.AUDIO, 0, new byte[] {(byte) 0xaf, 0, 0x12, 0x10}).toFileBytes());
        file.writeBytes(new FlvTag(FlvTag.VIDEO, 0x1_2345_67L, new byte[300]).toFileBytes());
        var bytes = file.toByteArray();
        var withSlices = new byte[bytes.length + 1];
        withSlices[0] = 7;
        System.arraycopy(bytes, 0, withSlices, 1, bytes.length);
        return List.of(withSlices);
    }

    @MethodSource("seeds")
    @FuzzTest
    void anyBytes(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        int slice = 1 + (input[0] & 0xff) * 17;
        var tags = new ArrayList<FlvTag>();
        var reader = new FlvTagReader(tags::add);
        try {
            for (int at = 1; at < input.length; at += slice) {
                reader.write(input, at, Math.min(slice, input.length - at));
            }
        } catch (MalformedMediaException expected) {
            return; // the documented way to refuse
        }
        if (reader.tags() != tags.size()) {
            throw new AssertionError("Counted " + reader.tags() + " tags, handed out " + tags.size());
        }
        var again = new ArrayList<FlvTag>();
        var second = new FlvTagReader(again::add);
        second.write(FlvTag.fileHeader(true, true));
        for (var tag : tags) {
            second.write(tag.toFileBytes());
        }
        if (again.size() != tags.size()) {
            throw new AssertionError("Read " + tags.size() + " tags, written and read again " + again.size());
        }
        for (int i = 0; i < tags.size(); i++) {
            var a = tags.get(i);
            var b = again.get(i);
            if (a.type() != b.type()
                    || a.timestampMillis() != b.timestampMillis()
                    || !Arrays.equals(a.data(), b.data())) {
                throw new AssertionError("Tag " + i + " read back differently: " + a + ", then " + b);
            }
        }
    }
}
