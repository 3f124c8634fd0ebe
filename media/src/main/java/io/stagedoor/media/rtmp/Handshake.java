package io.stagedoor.media.rtmp;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;

/**
 * The RTMP handshake (RTMP 1.0, section 5.2), both sides, in its simple form. Every read is of a fixed size; the time
 * the exchange may take is the caller's to bound (a socket timeout, or closing the stream).
 *
 * <ul>
 *   <li>{@link #serve}: C0/C1 in, S0/S1/S2 out, C2 in. A client that sends a digest-style C1 (Flash Player 9 and later,
 *       librtmp) gets a plain S1 with zero version bytes, which tells it to use the simple form too; C2 is read but
 *       never checked, as many encoders fill it loosely.
 *   <li>{@link #client}: C0/C1 out (zero version bytes: the simple form), S0/S1/S2 in, C2 out echoing S1.
 * </ul>
 */
public final class Handshake {

    /** The one version of RTMP there is, sent first by both sides (RTMPE and RTMPT use others). */
    public static final int VERSION = 3;
    /** The size of C1, C2, S1 and S2. */
    public static final int SIZE = 1536;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {}

    /** What the client's C1 said about itself, for the logs. */
    public record ClientHello(long clientTime, boolean digestStyle) {}

    /** The server's side. */
    public static ClientHello serve(InputStream input, OutputStream output) throws IOException {
        var in = new DataInputStream(input);
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new RtmpProtocolException("Not RTMP: handshake version " + version + " (expected " + VERSION
                    + "; RTMPE/RTMPT are not supported)");
        }
        var c1 = new byte[SIZE];
        in.readFully(c1);

        var response = new byte[1 + SIZE + SIZE];
        response[0] = VERSION;
        fillRandom(response, 1 + 8, SIZE - 8); // S1: time 0 and four zero bytes, the simple handshake
        System.arraycopy(c1, 0, response, 1 + SIZE, SIZE); // S2 echoes C1
        output.write(response);
        output.flush();

        in.readFully(new byte[SIZE]); // C2: read, not checked
        long clientTime = ((c1[0] & 0xffL) << 24) | ((c1[1] & 0xffL) << 16) | ((c1[2] & 0xffL) << 8) | (c1[3] & 0xffL);
        boolean digest = c1[4] != 0 || c1[5] != 0 || c1[6] != 0 || c1[7] != 0;
        return new ClientHello(clientTime, digest);
    }

    /**
     * The client's side.
     *
     * @throws RtmpProtocolException when the peer's answer does not begin as an RTMP server's does
     */
    public static void client(InputStream input, OutputStream output) throws IOException {
        var c0c1 = new byte[1 + SIZE];
        c0c1[0] = VERSION;
        fillRandom(c0c1, 1 + 8, SIZE - 8); // time 0, then zero version bytes: the simple handshake, no digest
        output.write(c0c1);
        output.flush();
        var in = new DataInputStream(input);
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new RtmpProtocolException(
                    "Not an RTMP server: its handshake began with version " + version + ", not " + VERSION);
        }
        var s1 = new byte[SIZE];
        in.readFully(s1);
        in.readFully(new byte[SIZE]); // S2: read, not checked, as servers fill it loosely
        output.write(s1); // C2 echoes S1
        output.flush();
    }

    private static void fillRandom(byte[] bytes, int offset, int length) {
        var random = new byte[length];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, bytes, offset, length);
    }
}
