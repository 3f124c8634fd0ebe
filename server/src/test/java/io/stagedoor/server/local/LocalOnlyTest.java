package io.stagedoor.server.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalOnlyTest {

    @Test
    void loopbackNamesAndAddressesWithAnyPortAreThisMachine() {
        for (var host : new String[] {
            "localhost",
            "LocalHost:8080",
            "127.0.0.1",
            "127.0.0.1:41234",
            "127.3.2.1:80",
            "[::1]",
            "[::1]:8080",
            "[0:0:0:0:0:0:0:1]:8080"
        }) {
            assertThat(LocalOnly.isLoopbackHost(host)).as(host).isTrue();
        }
    }

    @Test
    void anyOtherNameIsNotEvenWhenItResolvesHere() {
        for (var host : new String[] {
            null,
            "",
            "evil.example",
            "evil.example:8080",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "localhost.",
            "localhost:8080@evil.example",
            "localhost:80x",
            "localhost:",
            "127.0.0.1 evil.example",
            "::1",
            "[::2]:8080",
            "192.0.2.1:8080",
            "2130706433",
            "0x7f000001"
        }) {
            assertThat(LocalOnly.isLoopbackHost(host)).as(String.valueOf(host)).isFalse();
        }
    }
}
