package io.stagedoor.server.ingest.rtmp;

/**
 * One complete RTMP message.
 *
 * @param chunkStreamId the chunk stream it arrived on
 * @param type the message type (8 audio, 9 video, 18 data, 20 command, …)
 * @param streamId the message stream (0 for connection-level messages)
 * @param timestamp milliseconds, unwrapped to 64 bits so it keeps rising past 2³² ms
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
}
