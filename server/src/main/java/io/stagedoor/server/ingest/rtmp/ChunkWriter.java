package io.stagedoor.server.ingest.rtmp;

import java.io.IOException;
import java.io.OutputStream;

/** Writes RTMP messages as chunks: a full header, then continuation chunks, extended timestamps repeated. */
public final class ChunkWriter {

    private final OutputStream out;
    private int chunkSize = 128;

    public ChunkWriter(OutputStream out) {
        this.out = out;
    }

    /** Changes the size of the chunks written from now on; send Set Chunk Size first so the peer knows. */
    public void chunkSize(int size) {
        this.chunkSize = size;
    }

    public synchronized void write(RtmpMessage message) throws IOException {
        var payload = message.payload();
        long timestamp = message.timestamp() & 0xffffffffL;
        boolean extended = timestamp >= ChunkReader.EXTENDED;
        basicHeader(0, message.chunkStreamId());
        write24(extended ? ChunkReader.EXTENDED : timestamp);
        write24(payload.length);
        out.write(message.type());
        int streamId = message.streamId(); // little-endian, unlike every other field
        out.write(streamId);
        out.write(streamId >>> 8);
        out.write(streamId >>> 16);
        out.write(streamId >>> 24);
        if (extended) {
            write32(timestamp);
        }
        for (int offset = 0; offset < payload.length || offset == 0; offset += chunkSize) {
            if (offset > 0) {
                basicHeader(3, message.chunkStreamId());
                if (extended) {
                    write32(timestamp);
                }
            }
            out.write(payload, offset, Math.min(chunkSize, payload.length - offset));
            if (payload.length == 0) {
                break;
            }
        }
        out.flush();
    }

    private void basicHeader(int format, int csid) throws IOException {
        if (csid < 64) {
            out.write((format << 6) | csid);
        } else if (csid < 320) {
            out.write(format << 6);
            out.write(csid - 64);
        } else {
            out.write((format << 6) | 1);
            out.write((csid - 64) & 0xff);
            out.write((csid - 64) >>> 8);
        }
    }

    private void write24(long value) throws IOException {
        out.write((int) (value >>> 16));
        out.write((int) (value >>> 8));
        out.write((int) value);
    }

    private void write32(long value) throws IOException {
        out.write((int) (value >>> 24));
        write24(value);
    }
}
