package io.stagedoor.server.ingest.rtmp;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered input whose buffer can grow: small while the peer is a stranger, so that many of them cost little, and
 * larger once it publishes, so that media arrive in few reads. Reads as large as the buffer go straight to the
 * source. Not thread-safe: the connection's own thread reads and grows it.
 */
final class ConnectionInput extends InputStream {

    private final InputStream source;
    private byte[] buffer;
    private int position;
    private int limit;

    ConnectionInput(InputStream source, int size) {
        this.source = source;
        this.buffer = new byte[size];
    }

    /** Makes the buffer {@code size} bytes, keeping what it holds; never shrinks it. */
    void grow(int size) {
        if (size > buffer.length) {
            var grown = new byte[size];
            System.arraycopy(buffer, position, grown, 0, limit - position);
            limit -= position;
            position = 0;
            buffer = grown;
        }
    }

    int bufferSize() {
        return buffer.length;
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == limit) {
            if (length >= buffer.length) {
                return source.read(target, offset, length);
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return (limit - position) + source.available();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    private boolean fill() throws IOException {
        int n = source.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
