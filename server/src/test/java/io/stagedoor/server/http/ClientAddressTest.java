package io.stagedoor.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress behindProxies = new ClientAddress(List.of("127.0.0.1", "10.0.0.0/8", "fd00::/8"));

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        var direct = new ClientAddress(List.of());
        assertThat(direct.client("198.51.100.7", "203.0.113.9")).isEqualTo("198.51.100.7");
    }

    @Test
    void aTrustedProxysHeaderNamesTheClientReadFromTheRight() {
        assertThat(behindProxies.client("127.0.0.1", "203.0.113.9")).isEqualTo("203.0.113.9");
        // The client wrote a made-up entry of its own: the proxies' entries to its right are what counts.
        assertThat(behindProxies.client("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.1.2.3"))
                .isEqualTo("203.0.113.9");
        assertThat(behindProxies.client("fd12::1", "2001:db8::5")).isEqualTo("2001:db8::5");
        // Everyone on the way is a trusted proxy: the left-most is the client.
        assertThat(behindProxies.client("127.0.0.1", "10.0.0.5")).isEqualTo("10.0.0.5");
    }

    @Test
    void aHeaderFromAnUntrustedPeerIsIgnored() {
        assertThat(behindProxies.client("198.51.100.7", "203.0.113.9")).isEqualTo("198.51.100.7");
        assertThat(behindProxies.client("127.0.0.1", null)).isEqualTo("127.0.0.1");
        // A name is not looked up, and not trusted.
        assertThat(behindProxies.client("127.0.0.1", "localhost, evil.example")).isEqualTo("evil.example");
    }

    @Test
    void aBadEntryIsRefusedSayingWhich() {
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33")))
                .hasMessageContaining("10.0.0.0/33")
                .hasMessageContaining("from 0 to 32");
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.example")))
                .hasMessageContaining("not an IP address or CIDR range");
    }
}
