package io.stagedoor.encoder.rtmp;

/**
 * One RTMP message, reassembled from its chunks.
 *
 * @param type the message type id, e.g. {@link #COMMAND_AMF0}
 * @param streamId the message stream id (0 for the connection's control messages)
 * @param timestampMillis the absolute timestamp in milliseconds (32 bits)
 */
public record RtmpMessage(int type, int streamId, long timestampMillis, byte[] payload) {

    public static final int SET_CHUNK_SIZE = 1;
    public static final int ABORT = 2;
    public static final int ACKNOWLEDGEMENT = 3;
    public static final int USER_CONTROL = 4;
    public static final int WINDOW_ACK_SIZE = 5;
    public static final int SET_PEER_BANDWIDTH = 6;
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int DATA_AMF0 = 18;
    public static final int COMMAND_AMF0 = 20;

    /** The first four bytes of the payload as a big-endian unsigned number (chunk size, window size…). */
    public long uint32() {
        return ((long) (payload[0] & 0xFF) << 24)
                | ((payload[1] & 0xFF) << 16)
                | ((payload[2] & 0xFF) << 8)
                | (payload[3] & 0xFF);
    }
}
