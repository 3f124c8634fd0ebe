package io.stagedoor.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Summer Gala 2026 | summer-gala-2026",
                "Café Müller: Tanz! | cafe-muller-tanz",
                "Großes Ærø-Fest | grosses-aero-fest",
                "  --Wow--  | wow",
                "!! | event",
                "ab | event-ab",
                "東京ライブ | event",
            })
    void titlesBecomeReadableAddresses(String title, String slug) {
        assertThat(EventService.slugOf(title)).isEqualTo(slug);
    }

    @ParameterizedTest
    @CsvSource({"60", "200"})
    void longTitlesAreCutAtFiftyCharacters(int length) {
        assertThat(EventService.slugOf("a".repeat(length))).hasSize(50);
    }
}
