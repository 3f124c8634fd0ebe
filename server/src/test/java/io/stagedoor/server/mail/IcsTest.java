package io.stagedoor.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IcsTest {

    @Test
    void anEventEntryHasUtcTimesAndEscapedText() {
        var ics = Ics.event(
                UUID.fromString("00000000-0000-0000-0000-000000000001"),
                "Jazz; Blues, and more",
                Instant.parse("2026-12-12T19:00:00Z"),
                Instant.parse("2026-12-12T21:30:00Z"),
                "Line one\nLine two",
                URI.create("https://tickets.example.org/e/jazz"),
                Instant.parse("2026-11-21T10:00:00Z"));

        assertThat(ics)
                .startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
                .contains("UID:00000000-0000-0000-0000-000000000001@stagedoor\r\n")
                .contains("DTSTART:20261212T190000Z\r\n")
                .contains("DTEND:20261212T213000Z\r\n")
                .contains("SUMMARY:Jazz\\; Blues\\, and more\r\n")
                .contains("DESCRIPTION:Line one\\nLine two\r\n")
                .endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n");
    }

    @Test
    void longLinesFoldAt75OctetsWithoutSplittingACharacter() {
        var out = new StringBuilder();
        Ics.appendFolded(out, "SUMMARY:" + "ü".repeat(60));

        for (var line : out.toString().split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        assertThat(out.toString().replace("\r\n ", "")).isEqualTo("SUMMARY:" + "ü".repeat(60) + "\r\n");
    }
}
