package io.stagedoor.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void ticketSecretsAndPlaybackTokensAreMaskedAndOrdinaryPathsKept() {
        assertThat(LogSafe.path("/t/qZ3v9xK0bLmN4pQ7rS1tU2vW5yA8cD6eF0gH1iJ2kL3/events"))
                .isEqualTo("/t/…/events");
        assertThat(LogSafe.path(
                        "/live/5f1c2a3b-0d4e-4f5a-9b6c-7d8e9f0a1b2c/1795000000.s-0b7e2c1a-3d4f-4a5b-8c6d-9e0f1a2b3c4d"
                                + ".Qm9vbGVhbkZsYWdzQWJjZA/360p30/seg-12.ts"))
                .isEqualTo("/live/5f1c2a3b-0d4e-4f5a-9b6c-7d8e9f0a1b2c/…/360p30/seg-12.ts");
        assertThat(LogSafe.path("/api/v1/events/abc/orders")).isEqualTo("/api/v1/events/abc/orders");
    }
}
