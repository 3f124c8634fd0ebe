package io.stagedoor.app.localserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.client.StagedoorClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalServerIT {

    @TempDir
    Path dataDir;

    @Test
    void listensOnLoopbackAndMovesToAFreePortWhenItsOwnIsTaken() throws Exception {
        try (var taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                var local = LocalServer.start(
                        List.of("--http-port=" + taken.getLocalPort(), "--ingest-port=0", "--data-dir=" + dataDir));
                var client = StagedoorClient.builder(local.baseUri()).build()) {
            assertThat(local.baseUri().getHost()).isEqualTo("127.0.0.1");
            assertThat(local.baseUri().getPort()).isNotEqualTo(taken.getLocalPort());
            assertThat(local.notice())
                    .hasValue("Port " + taken.getLocalPort() + " was in use, so the local server listens on port "
                            + local.baseUri().getPort() + " instead.");
            assertThat(local.dataDir()).isEqualTo(dataDir);
            assertThat(client.health().isOk()).isTrue();
        }
    }

    @Test
    void takesPublishersOnAFreePortWhenTheRtmpPortIsTaken() throws Exception {
        try (var taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                var local = LocalServer.start(
                        List.of("--http-port=0", "--ingest-port=" + taken.getLocalPort(), "--data-dir=" + dataDir))) {
            var port = local.rtmpPort();
            assertThat(port).isPositive().isNotEqualTo(taken.getLocalPort());
            assertThat(local.notice())
                    .hasValue("Port " + taken.getLocalPort() + " was in use, so the local server takes publishers on"
                            + " port " + port + " instead.");
        }
    }

    @Test
    void aFreePortNeedsNoNotice() {
        try (var local = LocalServer.start(List.of("--http-port=0", "--ingest-port=0", "--data-dir=" + dataDir))) {
            assertThat(local.notice()).isEmpty();
        }
    }
}
