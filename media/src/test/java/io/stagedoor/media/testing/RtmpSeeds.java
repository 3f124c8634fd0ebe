package io.stagedoor.media.testing;

import io.stagedoor.media.amf0.Amf0;
import io.stagedoor.media.rtmp.ChunkWriter;
import io.stagedoor.media.rtmp.Handshake;
import io.stagedoor.media.rtmp.RtmpMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Well-formed starting points for the fuzz tests: a whole publish as FFmpeg sends it, with the chunk-stream quirks,
 * and the AMF0 values publishers use. The fuzzer mutates these; the regression run replays them.
 */
public final class RtmpSeeds {

    private RtmpSeeds() {}

    /** C0, a plain C1 and a C2, as a client sends them. */
    public static byte[] handshake(byte[] c1) {
        var bytes = new byte[1 + 2 * Handshake.SIZE];
        bytes[0] = 3;
        System.arraycopy(c1, 0, bytes, 1, Handshake.SIZE);
        System.arraycopy(random(2), 0, bytes, 1 + Handshake.SIZE, Handshake.SIZE);
        return bytes;
    }

    public static byte[] plainHandshake() {
        var c1 = random(1);
        java.util.Arrays.fill(c1, 0, 8, (byte) 0);
        return handshake(c1);
    }

    public static List<byte[]> handshakes() {
        return List.of(plainHandshake(), handshake(digestC1(5)));
    }

    /** Everything a publisher sends after the handshake, from connect to deleteStream. */
    public static byte[] publish() {
        var out = new ByteArrayOutputStream();
        var writer = new ChunkWriter(out);
        try {
            connectAndPublish(writer);
            writer.write(control(RtmpMessage.SET_CHUNK_SIZE, 200));
            writer.chunkSize(200);
            writer.write(new RtmpMessage(
                    4, RtmpMessage.DATA_AMF0, 1, 0, Amf0.encode("@setDataFrame", "onMetaData", metadata())));
            writer.write(new RtmpMessage(6, RtmpMessage.VIDEO, 1, 0, new byte[] {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f}));
            writer.write(new RtmpMessage(4, RtmpMessage.AUDIO, 1, 0, new byte[] {(byte) 0xaf, 0, 0x12, 0x10}));
            writer.write(new RtmpMessage(6, RtmpMessage.VIDEO, 1, 0xFFFF_FFF0L, new byte[450]));
            out.writeBytes(new ChunkBytes()
                    .type1(6, 33, 3, RtmpMessage.VIDEO)
                    .bytes((byte) 0x27, (byte) 1, (byte) 0)
                    .type2(6, 0x1000000)
                    .bytes((byte) 0x27, (byte) 1, (byte) 0)
                    .type3(6)
                    .u32(0x1000000)
                    .bytes((byte) 0x27, (byte) 1, (byte) 0)
                    .type0(320, 40, 300, RtmpMessage.AUDIO, 1)
                    .filler(200, 0xaf)
                    .type0(2, 0, 4, RtmpMessage.ABORT, 0)
                    .u32(320)
                    .type0(2, 0, 6, RtmpMessage.USER_CONTROL, 0)
                    .bytes((byte) 0, (byte) 6, (byte) 0, (byte) 0, (byte) 0, (byte) 9)
                    .toByteArray());
            writer.write(command(0, "FCUnpublish", 6, null, "key"));
            writer.write(command(0, "deleteStream", 7, null, 1.0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Window size, connect, releaseStream, FCPublish, createStream and publish of {@code key}. */
    public static void connectAndPublish(ChunkWriter writer) throws IOException {
        writer.write(control(RtmpMessage.WINDOW_ACK_SIZE, 2_500_000));
        var connect = new LinkedHashMap<String, Object>();
        connect.put("app", "live");
        connect.put("type", "nonprivate");
        connect.put("flashVer", "FMLE/3.0 (compatible; FMSc/1.0)");
        connect.put("tcUrl", "rtmp://127.0.0.1/live");
        writer.write(command(0, "connect", 1, connect));
        writer.write(command(0, "releaseStream", 2, null, "key"));
        writer.write(command(0, "FCPublish", 3, null, "key"));
        writer.write(command(0, "createStream", 4, (Object) null));
        writer.write(command(1, "publish", 5, null, "key", "live"));
    }

    public static List<byte[]> amf0Values() {
        return List.of(
                Amf0.encode("connect", 1.0, Map.of("app", "live", "tcUrl", "rtmp://h/live"), null),
                Amf0.encode("@setDataFrame", "onMetaData", metadata()),
                Amf0.encode("publish", 5.0, null, "key?token=1", "live", List.of(1.0, true, "x")),
                new ChunkBytes()
                        .bytes((byte) 0x08, (byte) 0, (byte) 0, (byte) 0, (byte) 1) // ECMA array
                        .bytes((byte) 0, (byte) 1, (byte) 'w', (byte) 0x0B) // a date in it
                        .filler(10, 0)
                        .bytes((byte) 0, (byte) 0, (byte) 9)
                        .bytes((byte) 0x0C, (byte) 0, (byte) 0, (byte) 0, (byte) 1, (byte) 'l') // long string
                        .bytes((byte) 0x10, (byte) 0, (byte) 1, (byte) 'T', (byte) 0, (byte) 0, (byte) 9) // typed
                        .bytes((byte) 0x06)
                        .toByteArray());
    }

    private static final byte[] FLASH_PLAYER_KEY = "Genuine Adobe Flash Player 001".getBytes(StandardCharsets.US_ASCII);

    /**
     * A C1 in Adobe's digest form, as FFmpeg and librtmp send it: Flash Player's version in bytes 4–7, and an
     * HMAC-SHA256 of the rest, keyed with the player's key, at the offset that bytes 8–11 select.
     */
    public static byte[] digestC1(long seed) {
        var c1 = random(seed);
        c1[0] = c1[1] = c1[2] = c1[3] = 0;
        c1[4] = 9;
        c1[5] = 0;
        c1[6] = 124;
        c1[7] = 2;
        int offset = ((c1[8] & 0xff) + (c1[9] & 0xff) + (c1[10] & 0xff) + (c1[11] & 0xff)) % 728 + 12;
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(FLASH_PLAYER_KEY, "HmacSHA256"));
            mac.update(c1, 0, offset);
            mac.update(c1, offset + 32, Handshake.SIZE - offset - 32);
            System.arraycopy(mac.doFinal(), 0, c1, offset, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return c1;
    }

    /** {@value Handshake#SIZE} bytes that are the same for the same seed. */
    public static byte[] random(long seed) {
        var bytes = new byte[Handshake.SIZE];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static Map<String, Object> metadata() {
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("width", 320.0);
        metadata.put("height", 240.0);
        metadata.put("videocodecid", 7.0);
        metadata.put("audiocodecid", 10.0);
        metadata.put("encoder", "Lavf59.27.100");
        metadata.put("stereo", true);
        return metadata;
    }

    private static RtmpMessage control(int type, int value) {
        return new RtmpMessage(
                2, type, 0, 0, ByteBuffer.allocate(4).putInt(value).array());
    }

    private static RtmpMessage command(int streamId, String name, double transaction, @Nullable Object... arguments) {
        var values = new @Nullable Object[arguments.length + 2];
        values[0] = name;
        values[1] = transaction;
        System.arraycopy(arguments, 0, values, 2, arguments.length);
        return new RtmpMessage(streamId == 0 ? 3 : 8, RtmpMessage.COMMAND_AMF0, streamId, 0, Amf0.encode(values));
    }
}
