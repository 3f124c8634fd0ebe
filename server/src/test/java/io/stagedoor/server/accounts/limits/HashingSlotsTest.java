package io.stagedoor.server.accounts.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.server.error.TooManyRequestsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HashingSlotsTest {

    @Test
    void noMoreThanThePermitsRunAtOnceAndTheRestAreToldToComeBack() throws Exception {
        var slots = new HashingSlots(3, Duration.ofMillis(200));
        var running = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        var release = new CountDownLatch(1);
        var outcomes = new ArrayList<Future<String>>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                outcomes.add(pool.submit(() -> {
                    try {
                        return slots.run(() -> {
                            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                            try {
                                release.await(5, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            running.decrementAndGet();
                            return "hashed";
                        });
                    } catch (TooManyRequestsException e) {
                        assertThat(e.retryAfter()).isPositive();
                        assertThat(e.status()).isEqualTo(429);
                        return "busy";
                    }
                }));
            }
            // Everyone else has waited out the 200 ms by now; then the three running ones finish.
            Thread.sleep(1_000);
            release.countDown();
        }

        var answers = outcomes.stream().map(HashingSlotsTest::get).toList();
        assertThat(mostAtOnce.get()).isEqualTo(3);
        assertThat(answers).filteredOn("hashed"::equals).hasSize(3);
        assertThat(answers).filteredOn("busy"::equals).hasSize(47);
    }

    @Test
    void aShortQueueIsServedInTurn() throws Exception {
        var slots = new HashingSlots(1, Duration.ofSeconds(30));
        var done = new AtomicInteger();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10; i++) {
                pool.submit(() -> slots.run(done::incrementAndGet));
            }
        }
        assertThat(done.get()).isEqualTo(10);
    }

    @Test
    void beyondTheLongestQueueTheAnswerComesAtOnce() throws Exception {
        var slots = new HashingSlots(1, Duration.ofSeconds(30));
        var running = new CountDownLatch(1);
        var hold = new CountDownLatch(1);
        var busy = new AtomicInteger();
        Runnable hash = () -> {
            try {
                slots.run(() -> {
                    running.countDown();
                    try {
                        return hold.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
            } catch (TooManyRequestsException e) {
                busy.incrementAndGet();
            }
        };
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            pool.submit(hash);
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < HashingSlots.WAITING_PER_PERMIT + 20; i++) {
                pool.submit(hash);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (busy.get() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // Twenty were refused long before their 30 s could run out, while the others wait their turn.
            assertThat(busy.get()).isEqualTo(20);
            hold.countDown();
        }
        assertThat(busy.get()).isEqualTo(20);
    }

    private static String get(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
