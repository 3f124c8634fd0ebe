package io.stagedoor.app.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

class CoalescerTest {

    /** A UI thread that runs only when the test says so, like a busy FX thread. */
    private final LinkedBlockingQueue<Runnable> queued = new LinkedBlockingQueue<>();

    private final Executor ui = queued::add;

    private void runQueued() {
        Runnable task;
        while ((task = queued.poll()) != null) {
            task.run();
        }
    }

    @Test
    void aBusyUiThreadGetsOnlyTheNewestValueAndOneHandOverIsQueued() {
        var applied = new CopyOnWriteArrayList<Integer>();
        var coalescer = new Coalescer<Integer>(ui, Duration.ZERO, applied::add);

        for (int i = 1; i <= 100; i++) {
            coalescer.offer(i);
        }
        assertThat(queued).hasSize(1);
        runQueued();

        assertThat(applied).containsExactly(100);
    }

    @Test
    void handOversAreAtLeastTheIntervalApartAndTheLastValueIsNeverLost() throws Exception {
        var applied = new CopyOnWriteArrayList<Long>();
        var last = new java.util.concurrent.atomic.AtomicInteger();
        var coalescer = new Coalescer<Integer>(Runnable::run, Duration.ofMillis(100), v -> {
            applied.add(System.nanoTime());
            last.set(v);
        });

        long end = System.nanoTime() + Duration.ofMillis(1000).toNanos();
        int offered = 0;
        while (System.nanoTime() < end) {
            coalescer.offer(++offered);
            Thread.sleep(5);
        }
        Thread.sleep(250);

        assertThat(offered).isGreaterThan(50);
        assertThat(last.get()).isEqualTo(offered);
        assertThat(applied).hasSizeBetween(8, 12);
        for (int i = 1; i < applied.size(); i++) {
            assertThat(applied.get(i) - applied.get(i - 1))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(95).toNanos());
        }
    }

    @Test
    void stoppedItHandsOverNothing() {
        var applied = new CopyOnWriteArrayList<Integer>();
        var coalescer = new Coalescer<Integer>(ui, Duration.ZERO, applied::add);
        coalescer.offer(1);
        coalescer.stop();
        coalescer.offer(2);
        runQueued();
        assertThat(applied).isEqualTo(List.of());
    }
}
