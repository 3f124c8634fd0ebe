package io.stagedoor.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.encoder.rtmp.IngestUnreachableException;
import io.stagedoor.encoder.rtmp.RtmpUrl;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RTMPS: nginx-rtmp speaks plain RTMP, so the test puts a TLS endpoint of the JDK in front of it (a proxy that ends TLS,
 * as a load balancer in front of an ingest does), with a certificate made by keytool for 127.0.0.1.
 */
class RtmpsIT {

    @TempDir
    Path dir;

    @Test
    void publishesOverTlsAndRefusesACertificateItDoesNotTrust() throws Exception {
        var keystore = dir.resolve("ingest.p12");
        var keytool = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "ingest",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        "secret"))
                .redirectErrorStream(true)
                .start();
        var keytoolOutput = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(keytoolOutput).isZero();
        var store = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(keystore.toFile())) {
            store.load(in, "secret".toCharArray());
        }
        var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "secret".toCharArray());
        var serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        var clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trust.getTrustManagers(), null);

        try (var nginx = NginxRtmp.start(dir, "key");
                var tls = new TcpProxy(
                        nginx.port(),
                        serverTls
                                .getServerSocketFactory()
                                .createServerSocket(0, 50, InetAddress.getLoopbackAddress()))) {
            var url = RtmpUrl.parse("rtmps://127.0.0.1:" + tls.port() + "/live/key");
            var settings = BroadcastSettings.of(Preset.P720_30.settings()).withDestination(url);

            assertThatThrownBy(() -> Broadcast.start(settings).close())
                    .as("the JDK's own trust store does not know the test's certificate")
                    .isInstanceOf(IngestUnreachableException.class)
                    .hasMessageContaining("TLS with 127.0.0.1:" + tls.port() + " failed");

            var trusting = settings.withRtmp(settings.rtmp().withTlsSocketFactory(clientTls.getSocketFactory()));
            try (var broadcast = Broadcast.start(trusting)) {
                Thread.sleep(4_000);
                assertThat(broadcast.state()).isEqualTo(BroadcastState.LIVE);
                assertThat(broadcast.stats().bitrate().lastSecondKbps()).isGreaterThan(5_000);
            }
            var recording = nginx.recordings().getFirst();
            assertThat(Ffprobe.stream(recording, "v:0")).containsEntry("codec_name", "h264");
            assertThat(Ffprobe.decodableVideoFrames(recording)).isGreaterThan(60);
        }
    }
}
