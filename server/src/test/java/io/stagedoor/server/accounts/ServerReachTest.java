package io.stagedoor.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.server.testing.TestServers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerReachTest {

    private static ServerReach reach(String... flags) {
        return ServerReach.of(TestServers.config(Path.of("/tmp/unused"), flags));
    }

    @Test
    void onlyALoopbackListenerWithoutAPublicAddressOrProxiesIsLoopbackOnly() {
        assertThat(reach()).isEqualTo(ServerReach.LOOPBACK_ONLY);
        assertThat(reach("--http.host=::1")).isEqualTo(ServerReach.LOOPBACK_ONLY);
        assertThat(reach("--http.host=localhost")).isEqualTo(ServerReach.LOOPBACK_ONLY);
        assertThat(reach("--http.host=127.0.0.2", "--public.url=http://localhost:8080/"))
                .isEqualTo(ServerReach.LOOPBACK_ONLY);
        assertThat(reach("--public.url=http://[::1]:8080/")).isEqualTo(ServerReach.LOOPBACK_ONLY);

        assertThat(reach("--http.host=0.0.0.0")).isEqualTo(ServerReach.REACHABLE);
        assertThat(reach("--http.host=::")).isEqualTo(ServerReach.REACHABLE);
        assertThat(reach("--http.host=192.168.1.20")).isEqualTo(ServerReach.REACHABLE);
        assertThat(reach("--http.host=stagedoor.internal")).isEqualTo(ServerReach.REACHABLE);
        assertThat(reach("--public.url=https://tickets.example.org/")).isEqualTo(ServerReach.REACHABLE);
        assertThat(reach("--public.url=http://127.0.0.1.nip.io/")).isEqualTo(ServerReach.REACHABLE);
        assertThat(reach("--http.trusted-proxies=127.0.0.1")).isEqualTo(ServerReach.REACHABLE);
    }
}
