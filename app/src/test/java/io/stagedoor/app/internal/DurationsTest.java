package io.stagedoor.app.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0 s",
        "45, 45 s",
        "185, 3 min 5 s",
        "7800, 2 h 10 min",
        "349200, 4 d 1 h",
        "-5, 0 s",
    })
    void showsTheTwoLargestUnits(long seconds, String expected) {
        assertThat(Durations.humanized(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }
}
