package io.stagedoor.server.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ConnectionInputTest {

    /** A source that hands out at most {@code step} bytes per read and counts the reads, as a socket might. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream bytes;
        private final int step;
        int reads;

        Trickle(byte[] data, int step) {
            this.bytes = new ByteArrayInputStream(data);
            this.step = step;
        }

        @Override
        public int read() {
            reads++;
            return bytes.read();
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            reads++;
            return bytes.read(target, offset, Math.min(length, step));
        }
    }

    private static byte[] counting(int length) {
        var data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) i;
        }
        return data;
    }

    @Test
    void growingKeepsWhatIsBufferedAndLaterReadsFillTheLargerBuffer() throws IOException {
        var source = new Trickle(counting(10_000), 10_000);
        var input = new ConnectionInput(source, 16);

        assertThat(input.read()).isZero();
        var some = new byte[5];
        assertThat(input.read(some, 0, 5)).isEqualTo(5);
        assertThat(some).containsExactly(1, 2, 3, 4, 5);
        input.grow(4096);
        assertThat(input.bufferSize()).isEqualTo(4096);
        var rest = input.readNBytes(10_000 - 6);

        assertThat(rest[0]).isEqualTo((byte) 6);
        assertThat(rest[rest.length - 1]).isEqualTo((byte) 9_999);
        assertThat(input.read()).isEqualTo(-1);
        assertThat(source.reads).as("a handful of reads, not one per byte").isLessThanOrEqualTo(6);
    }

    @Test
    void aReadAsLargeAsTheBufferGoesStraightToTheSource() throws IOException {
        var source = new Trickle(counting(3000), 3000);
        var input = new ConnectionInput(source, 1024);

        var all = new byte[3000];
        assertThat(input.read(all, 0, 3000)).isEqualTo(3000);
        assertThat(all[2999]).isEqualTo((byte) 2999);
        assertThat(source.reads).isEqualTo(1);
    }

    @Test
    void itNeverShrinks() {
        var input = new ConnectionInput(InputStream.nullInputStream(), 2048);
        input.grow(1024);
        assertThat(input.bufferSize()).isEqualTo(2048);
    }
}
