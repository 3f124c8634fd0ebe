package io.stagedoor.app.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Statistics are coalesced before they reach the screen: a burst of refreshes costs at most two loads. */
class LatestOnlyTest {

    /** Background work that runs only when the test says so. */
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();

    private final Executor background = pending::add;
    private final Executor ui = Runnable::run;

    @Test
    void refreshesDuringALoadFoldIntoOneMoreLoadAndTheLastAnswerShownIsTheNewest() {
        var loads = new AtomicInteger();
        var shown = new ArrayList<Integer>();
        var tasks = new UiTasks(background, ui, Messages.load());
        var latest = new LatestOnly<>(tasks, loads::incrementAndGet, shown::add, problem -> {});

        for (int i = 0; i < 50; i++) {
            latest.request();
        }
        assertThat(pending).hasSize(1);
        pending.poll().run();
        assertThat(pending)
                .as("one more load for the 49 requests made meanwhile")
                .hasSize(1);
        pending.poll().run();

        assertThat(loads).hasValue(2);
        assertThat(shown).containsExactly(1, 2);
        assertThat(pending).isEmpty();
    }
}
