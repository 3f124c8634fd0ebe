package io.stagedoor.server.accounts.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptWindowsTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private final Instant start = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void attemptsCountUntilTheyLeaveTheWindowAndTheWaitSaysWhen() {
        var windows = new AttemptWindows(WINDOW, 100);
        windows.add("a", windows.slot(start));
        var later = start.plus(Duration.ofMinutes(4));
        windows.add("a", windows.slot(later));
        windows.add("a", windows.slot(later));

        assertThat(windows.count("a", windows.slot(later))).isEqualTo(3);
        // Under a limit of 3, one must go: the first, which leaves the window ten minutes after its slot began.
        assertThat(windows.retryAfter("a", 3, later)).isEqualTo(Duration.ofMinutes(6));
        // Under a limit of 1, all three must go.
        assertThat(windows.retryAfter("a", 1, later)).isEqualTo(Duration.ofMinutes(10));
        assertThat(windows.retryAfter("a", 4, later)).isZero();

        var afterTheFirst = start.plus(WINDOW);
        assertThat(windows.count("a", windows.slot(afterTheFirst))).isEqualTo(2);
        assertThat(windows.count("a", windows.slot(later.plus(WINDOW)))).isZero();
        assertThat(windows.count("b", windows.slot(later))).isZero();
    }

    @Test
    void anAttemptTakenBackNoLongerCountsAndAnEmptyKeyIsForgotten() {
        var windows = new AttemptWindows(WINDOW, 100);
        long slot = windows.slot(start);
        var first = windows.add("a", slot);
        var second = windows.add("a", slot);

        windows.remove(first, slot);
        assertThat(windows.count("a", slot)).isEqualTo(1);
        windows.remove(second, slot);
        windows.remove(second, slot);
        assertThat(windows.count("a", slot)).isZero();
        assertThat(windows.size()).as("nothing kept for a key without attempts").isZero();
    }

    @Test
    void memoryStaysBoundedWhateverTheNumberOfKeys() {
        var windows = new AttemptWindows(WINDOW, 1_000);
        long slot = windows.slot(start);
        windows.add("kept busy", slot);
        for (int i = 0; i < 100_000; i++) {
            windows.add("made-up " + i, slot);
            if (i % 100 == 0) {
                windows.add("kept busy", slot);
            }
        }

        assertThat(windows.size()).isEqualTo(1_000);
        assertThat(windows.count("kept busy", slot))
                .as("the key in use is the last to be forgotten")
                .isEqualTo(1_001);
        assertThat(windows.count("made-up 0", slot)).isZero();
    }
}
