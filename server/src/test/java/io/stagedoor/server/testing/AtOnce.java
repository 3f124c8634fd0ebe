package io.stagedoor.server.testing;

import io.stagedoor.client.ApiProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Calls made at the same moment, each on a thread of its own, for races: what status each one was answered. */
public final class AtOnce {

    private AtOnce() {}

    /**
     * Runs {@code call} {@code count} times at once (with 0, 1, …) and returns each call's status: 201 when it
     * returned, the problem's status when the server refused it.
     */
    public static List<Integer> statuses(int count, IntConsumer call) throws InterruptedException, ExecutionException {
        var go = new CountDownLatch(1);
        var answers = new ArrayList<Future<Integer>>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int index = i;
                answers.add(pool.submit((Callable<Integer>) () -> {
                    go.await();
                    try {
                        call.accept(index);
                        return 201;
                    } catch (ApiProblemException e) {
                        return e.status();
                    }
                }));
            }
            go.countDown();
        }
        var statuses = new ArrayList<Integer>();
        for (var answer : answers) {
            statuses.add(answer.get());
        }
        return statuses;
    }
}
