package io.stagedoor.server.ingest;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Polls a condition until it holds, failing with {@code what} when it does not within the time given. */
public final class Eventually {

    private Eventually() {}

    public static void until(String what, Duration atMost, Callable<Boolean> condition) throws Exception {
        until(() -> what, atMost, condition);
    }

    /** The same, with a description made when it fails: one that says what was seen instead. */
    public static void until(Supplier<String> what, Duration atMost, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + atMost.toSeconds() + " s: " + what.get());
            }
            Thread.sleep(250);
        }
    }
}
