package io.stagedoor.server.ingest.rtmp;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;

/**
 * The server's side of the RTMP handshake, in its simple form: C0/C1 in, S0/S1/S2 out, C2 in. A client that sends
 * a digest-style C1 (Flash Player 9 and later, librtmp) gets a plain S1 with zero version bytes, which tells it to
 * use the simple form too; C2 is read but never checked, as many encoders fill it loosely. Every read here is of a
 * fixed size; the time the whole exchange may take is bounded by the caller, which closes the stream when the
 * publish has not been accepted within {@link RtmpLimits#publishTimeout()} of the accept.
 */
public final class Handshake {

    static final int VERSION = 3;
    static final int SIZE = 1536;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {}

    /** What the client's C1 said about itself, for the logs. */
    public record ClientHello(long clientTime, boolean digestStyle) {}

    public static ClientHello perform(InputStream input, OutputStream output) throws IOException {
        var in = new DataInputStream(input);
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new RtmpProtocolException(
                    "Not RTMP: handshake version " + version + " (expected 3; RTMPE/RTMPT are" + " not supported)");
        }
        var c1 = new byte[SIZE];
        in.readFully(c1);

        var s1 = new byte[SIZE];
        RANDOM.nextBytes(s1);
        // Time 0 and four zero bytes: the simple handshake.
        for (int i = 0; i < 8; i++) {
            s1[i] = 0;
        }
        var response = new byte[1 + SIZE + SIZE];
        response[0] = VERSION;
        System.arraycopy(s1, 0, response, 1, SIZE);
        System.arraycopy(c1, 0, response, 1 + SIZE, SIZE); // S2 echoes C1
        output.write(response);
        output.flush();

        in.readFully(new byte[SIZE]); // C2: read, not checked
        long clientTime = ((c1[0] & 0xffL) << 24) | ((c1[1] & 0xffL) << 16) | ((c1[2] & 0xffL) << 8) | (c1[3] & 0xffL);
        boolean digest = c1[4] != 0 || c1[5] != 0 || c1[6] != 0 || c1[7] != 0;
        return new ClientHello(clientTime, digest);
    }
}
