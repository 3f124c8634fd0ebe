package io.stagedoor.media.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.media.testing.RtmpSeeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Both sides of the handshake, with each other and with what other software sends. */
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

        var hello = Handshake.serve(new ByteArrayInputStream(client((byte) 3, c1, garbage)), out);

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
        var c1 = RtmpSeeds.digestC1(3); // FFmpeg's and librtmp's form: version bytes and an HMAC-SHA256
        var c2 = new byte[Handshake.SIZE];
        new Random(4).nextBytes(c2); // a digest-style C2 matches neither S1 nor S2
        var out = new ByteArrayOutputStream();

        var hello = Handshake.serve(new ByteArrayInputStream(client((byte) 3, c1, c2)), out);

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
        assertThatThrownBy(() -> Handshake.serve(
                        new ByteArrayInputStream("GET / HTTP/1.1\r\n".getBytes()), new ByteArrayOutputStream()))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("Not RTMP");
        assertThatThrownBy(() ->
                        Handshake.serve(new ByteArrayInputStream(new byte[] {3, 1, 2}), new ByteArrayOutputStream()))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void theClientSideCompletesWithTheServerSide() throws Exception {
        try (var toServer = new PipedOutputStream();
                var serverIn = new PipedInputStream(toServer, 2 * 4096);
                var toClient = new PipedOutputStream();
                var clientIn = new PipedInputStream(toClient, 2 * 4096)) {
            var server = CompletableFuture.supplyAsync(() -> {
                try {
                    return Handshake.serve(serverIn, toClient);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            Handshake.client(clientIn, toServer);

            var hello = server.get(10, TimeUnit.SECONDS);
            assertThat(hello.digestStyle())
                    .as("the client asks for the simple form")
                    .isFalse();
            assertThat(clientIn.available())
                    .as("the client read S0, S1 and S2, no more")
                    .isZero();
        }
    }

    @Test
    void theClientSaysWhenThePeerIsNoRtmpServer() {
        var http = "HTTP/1.1 400 Bad Request\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Handshake.client(new ByteArrayInputStream(http), new ByteArrayOutputStream()))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("Not an RTMP server")
                .hasMessageContaining("version 72");
        var cut = new byte[1 + 100];
        cut[0] = 3;
        assertThatThrownBy(() -> Handshake.client(new ByteArrayInputStream(cut), new ByteArrayOutputStream()))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void theClientEchoesS1AsC2() throws Exception {
        var s1 = RtmpSeeds.random(7);
        var s2 = RtmpSeeds.random(8);
        var answer = new byte[1 + 2 * Handshake.SIZE];
        answer[0] = 3;
        System.arraycopy(s1, 0, answer, 1, Handshake.SIZE);
        System.arraycopy(s2, 0, answer, 1 + Handshake.SIZE, Handshake.SIZE);
        var sent = new ByteArrayOutputStream();

        Handshake.client(new ByteArrayInputStream(answer), sent);

        var bytes = sent.toByteArray();
        assertThat(bytes).hasSize(1 + 2 * Handshake.SIZE);
        assertThat(bytes[0]).as("C0").isEqualTo((byte) 3);
        assertThat(Arrays.copyOfRange(bytes, 1, 9))
                .as("C1's time and zero field: the simple form")
                .containsOnly(0);
        assertThat(Arrays.copyOfRange(bytes, 1 + Handshake.SIZE, bytes.length))
                .as("C2")
                .isEqualTo(s1);
    }
}
