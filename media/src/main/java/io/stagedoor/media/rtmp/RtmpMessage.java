package io.stagedoor.media.rtmp;

import io.stagedoor.media.amf0.Amf0;
import org.jspecify.annotations.Nullable;

/**
 * One complete RTMP message.
 *
 * @param chunkStreamId the chunk stream it arrived on or is sent on (2 to 65599; 2 carries protocol control)
 * @param type the message type (8 audio, 9 video, 18 data, 20 command, …)
 * @param streamId the message stream (0 for connection-level messages)
 * @param timestamp milliseconds; a reader unwraps it to 64 bits so that it keeps rising past 2³² ms, a writer sends
 *     its low 32 bits
 * @param payload the body; not copied, so do not change it
 */
public record RtmpMessage(int chunkStreamId, int type, int streamId, long timestamp, byte[] payload) {

    public static final int SET_CHUNK_SIZE = 1;
    public static final int ABORT = 2;
    public static final int ACKNOWLEDGEMENT = 3;
    public static final int USER_CONTROL = 4;
    public static final int WINDOW_ACK_SIZE = 5;
    public static final int SET_PEER_BANDWIDTH = 6;
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int DATA_AMF3 = 15;
    public static final int COMMAND_AMF3 = 17;
    public static final int DATA_AMF0 = 18;
    public static final int COMMAND_AMF0 = 20;
    public static final int AGGREGATE = 22;

    /** The chunk stream of protocol control messages. */
    public static final int CONTROL_CHUNK_STREAM = 2;

    /** User control events (the first two bytes of a {@link #USER_CONTROL} message). */
    public static final int STREAM_BEGIN = 0;

    public static final int PING_REQUEST = 6;
    public static final int PING_RESPONSE = 7;

    /** A protocol control message carrying one four-byte value: a chunk size, a window, an acknowledgement. */
    public static RtmpMessage control(int type, long value) {
        return new RtmpMessage(CONTROL_CHUNK_STREAM, type, 0, 0, uint32Bytes(value));
    }

    /** Set Peer Bandwidth: the window, and how to apply it (0 hard, 1 soft, 2 dynamic). */
    public static RtmpMessage setPeerBandwidth(long window, int limitType) {
        var value = uint32Bytes(window);
        return new RtmpMessage(CONTROL_CHUNK_STREAM, SET_PEER_BANDWIDTH, 0, 0, new byte[] {
            value[0], value[1], value[2], value[3], (byte) limitType
        });
    }

    /** A user control event with a four-byte value (a stream ID, a ping's time). */
    public static RtmpMessage userControl(int event, long value) {
        var v = uint32Bytes(value);
        return new RtmpMessage(CONTROL_CHUNK_STREAM, USER_CONTROL, 0, 0, new byte[] {
            (byte) (event >>> 8), (byte) event, v[0], v[1], v[2], v[3]
        });
    }

    /** An AMF0 command: its name, its transaction number, then its arguments. */
    public static RtmpMessage command(
            int chunkStreamId, int streamId, String name, double transaction, @Nullable Object... arguments) {
        var values = new @Nullable Object[arguments.length + 2];
        values[0] = name;
        values[1] = transaction;
        System.arraycopy(arguments, 0, values, 2, arguments.length);
        return new RtmpMessage(chunkStreamId, COMMAND_AMF0, streamId, 0, Amf0.encode(values));
    }

    /**
     * The four-byte big-endian value that control messages carry, unsigned.
     *
     * @throws RtmpProtocolException when the payload is shorter than four bytes
     */
    public long uint32() throws RtmpProtocolException {
        if (payload.length < 4) {
            throw new RtmpProtocolException(
                    "Control message of type " + type + " with " + payload.length + " bytes instead of 4");
        }
        return ((long) (payload[0] & 0xFF) << 24)
                | ((payload[1] & 0xFF) << 16)
                | ((payload[2] & 0xFF) << 8)
                | (payload[3] & 0xFF);
    }

    private static byte[] uint32Bytes(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    @Override
    public String toString() {
        return "RtmpMessage[chunkStream=" + chunkStreamId + ", type=" + type + ", stream=" + streamId + ", timestamp="
                + timestamp + ", bytes=" + payload.length + "]";
    }
}
