package io.stagedoor.server.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    private static byte[] client(byte version, byte[] c1, byte[] c2) {
        var bytes = new byte[1 + 2 * Handshake.SIZE];
        bytes[0] = version;
        System.arraycopy(c1, 0, bytes, 1, Handshake.SIZE);
        System.arraycopy(c2, 0, bytes, 1 + Handshake.SIZE, Handshake.SIZE);
        return bytes;
    }

    @Test
    void theSimpleFormEchoesC1AndAcceptsAnyC2() throws Exception {
        var c1 = new byte[Handshake.SIZE];
        new Random(1).nextBytes(c1);
        Arrays.fill(c1, 4, 8, (byte) 0);
        var garbage = new byte[Handshake.SIZE];
        new Random(2).nextBytes(garbage);
        var out = new ByteArrayOutputStream();

        var hello = Handshake.perform(new ByteArrayInputStream(client((byte) 3, c1, garbage)), out);

        var response = out.toByteArray();
        assertThat(response).hasSize(1 + 2 * Handshake.SIZE);
        assertThat(response[0]).isEqualTo((byte) 3);
        assertThat(Arrays.copyOfRange(response, 5, 9))
                .as("S1's zero field: the simple form")
                .containsOnly(0);
        assertThat(Arrays.copyOfRange(response, 1 + Handshake.SIZE, response.length))
                .as("S2 echoes C1")
                .isEqualTo(c1);
        assertThat(hello.digestStyle()).isFalse();
    }

    @Test
    void aDigestStyleC1IsAnsweredInTheSimpleFormAndItsC2IsNotChecked() throws Exception {
        var c1 = ScriptedClient.digestC1(3); // FFmpeg's and librtmp's form: version bytes and an HMAC-SHA256
        var c2 = new byte[Handshake.SIZE];
        new Random(4).nextBytes(c2); // a digest-style C2 matches neither S1 nor S2
        var out = new ByteArrayOutputStream();

        var hello = Handshake.perform(new ByteArrayInputStream(client((byte) 3, c1, c2)), out);

        var response = out.toByteArray();
        assertThat(hello.digestStyle()).isTrue();
        assertThat(Arrays.copyOfRange(response, 5, 9))
                .as("S1's zero version tells FFmpeg and librtmp to fall back to the simple form")
                .containsOnly(0);
        assertThat(Arrays.copyOfRange(response, 1 + Handshake.SIZE, response.length))
                .isEqualTo(c1);
    }

    @Test
    void otherProtocolsAreToldApart() {
        assertThatThrownBy(() -> Handshake.perform(
                        new ByteArrayInputStream("GET / HTTP/1.1\r\n".getBytes()), new ByteArrayOutputStream()))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("Not RTMP");
        assertThatThrownBy(() ->
                        Handshake.perform(new ByteArrayInputStream(new byte[] {3, 1, 2}), new ByteArrayOutputStream()))
                .isInstanceOf(EOFException.class);
    }
}
