package io.stagedoor.server.accounts.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientNetworkTest {

    @Test
    void anIpv4AddressCountsAsItselfAnIpv6AddressByItsSlash64() {
        assertThat(ClientNetwork.of("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientNetwork.of("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientNetwork.of("2001:db8:1:2:ffff::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientNetwork.of("[2001:db8:1:3::1]")).isEqualTo("2001:db8:1:3::/64");
        assertThat(ClientNetwork.of("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void somethingElseCountsAsWrittenWithinBounds() {
        assertThat(ClientNetwork.of("unknown")).isEqualTo("unknown");
        assertThat(ClientNetwork.of("x".repeat(500))).hasSize(64);
    }
}
