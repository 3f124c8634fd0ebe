package io.stagedoor.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.server.config.HttpConfig;
import io.stagedoor.server.health.SetupWarnings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

    @Test
    void aLoopbackServerWithAnHttpsPublicAddressAndNoTrustedProxyIsWarnedOfAtStart() {
        var https = Optional.of(URI.create("https://tickets.example.org/"));
        var behindProxy = new HttpConfig("127.0.0.1", 8080, 1024, List.of(), CAPACITY);

        var warnings = new SetupWarnings();
        ClientAddress.checkSetup(behindProxy, https, warnings);
        assertThat(warnings.current()).singleElement().asString().contains("http.trusted-proxies");

        for (var fine : List.of(
                new HttpConfig("0.0.0.0", 8080, 1024, List.of(), CAPACITY),
                new HttpConfig("127.0.0.1", 8080, 1024, List.of("127.0.0.1"), CAPACITY))) {
            var none = new SetupWarnings();
            ClientAddress.checkSetup(fine, https, none);
            assertThat(none.current()).as(fine.toString()).isEmpty();
        }
        var plainHttp = new SetupWarnings();
        ClientAddress.checkSetup(behindProxy, Optional.of(URI.create("http://localhost:8080/")), plainHttp);
        ClientAddress.checkSetup(behindProxy, Optional.empty(), plainHttp);
        assertThat(plainHttp.current()).as("the studio's local server").isEmpty();
    }

    private static final HttpConfig.Capacity CAPACITY = new HttpConfig.Capacity(1024, 20, 1024, Duration.ofSeconds(5));
}
