package io.stagedoor.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveStreamTest {

    @Test
    void measuredFrameRatesCloseToAWholeNumberAreThatNumber() {
        assertThat(LiveStream.snapped(29.98)).isEqualTo(30.0);
        assertThat(LiveStream.snapped(30.03)).isEqualTo(30.0);
        assertThat(LiveStream.snapped(29.41)).isEqualTo(29.41);
        assertThat(LiveStream.snapped(24.0)).isEqualTo(24.0);
    }
}
