package io.stagedoor.client;

import io.stagedoor.api.live.StreamHealth;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * A running subscription to an event's stream health, over server-sent events. Closing it stops the updates and
 * its thread.
 */
public final class HealthSubscription implements AutoCloseable {

    private final Transport transport;
    private final OkHttpClient http;
    private final Request request;
    private final Consumer<StreamHealth> onUpdate;
    private final Consumer<StagedoorClientException> onProblem;
    private final Duration retry;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;
    private volatile @Nullable Call current;

    private HealthSubscription(
            Transport transport,
            UUID eventId,
            Consumer<StreamHealth> onUpdate,
            Consumer<StagedoorClientException> onProblem,
            Duration retry) {
        this.transport = transport;
        // The stream stays open for as long as the subscription: no read or call time limit on it.
        this.http = transport
                .http()
                .newBuilder()
                .readTimeout(Duration.ZERO)
                .callTimeout(Duration.ZERO)
                .build();
        var url = Objects.requireNonNull(transport.baseUrl().resolve("api/v1/"))
                .newBuilder()
                .addPathSegment("events")
                .addPathSegment(eventId.toString())
                .addPathSegment("health")
                .addPathSegment("events")
                .build();
        this.request = new Request.Builder()
                .url(url)
                .header("Accept", "text/event-stream")
                .build();
        this.onUpdate = onUpdate;
        this.onProblem = onProblem;
        this.retry = retry;
        this.thread = Thread.ofVirtual().name("stagedoor-health-" + eventId).unstarted(this::run);
    }

    static HealthSubscription start(
            Transport transport,
            UUID eventId,
            Consumer<StreamHealth> onUpdate,
            Consumer<StagedoorClientException> onProblem,
            Duration retry) {
        var subscription = new HealthSubscription(transport, eventId, onUpdate, onProblem, retry);
        subscription.thread.start();
        return subscription;
    }

    private void run() {
        while (closed.getCount() > 0) {
            try {
                follow();
            } catch (StagedoorClientException e) {
                if (closed.getCount() > 0) {
                    onProblem.accept(e);
                }
                if (e instanceof ApiProblemException problem
                        && (problem.status() == 401 || problem.status() == 403 || problem.status() == 404)) {
                    return; // asking again will not change the answer
                }
            }
            try {
                if (closed.await(retry.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void follow() {
        var call = http.newCall(request);
        current = call;
        if (closed.getCount() == 0) {
            return;
        }
        try (var response = call.execute()) {
            if (response.code() != 200) {
                throw new ApiProblemException(transport.problemOf(response));
            }
            var reader =
                    new BufferedReader(new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8));
            var data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        onUpdate.accept(transport.json().readValue(data.toString(), StreamHealth.class));
                        data.setLength(0);
                    }
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                }
            }
            throw new ApiUnreachableException("The server ended the stream of health updates.");
        } catch (IOException e) {
            if (closed.getCount() > 0) {
                throw new ApiUnreachableException(
                        "Lost the stream of health updates from " + transport.baseUrl() + " (" + e.getMessage()
                                + "); reconnecting.",
                        e);
            }
        } catch (JacksonException e) {
            throw new ApiUnreachableException(
                    "The server sent a health update this client cannot read (" + e.getOriginalMessage() + ").", e);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        var call = current;
        if (call != null) {
            call.cancel();
        }
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
