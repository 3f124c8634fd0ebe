package io.stagedoor.client;

import io.stagedoor.api.live.StreamEndpoint;
import io.stagedoor.api.live.StreamHealth;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

/** An event's live stream, for its organiser and technicians: where to publish, and how healthy it is. */
public final class Streams {

    private final Transport transport;

    Streams(Transport transport) {
        this.transport = transport;
    }

    /** {@code GET /api/v1/events/{eventId}/stream}: the server URL and stream key for broadcasting software. */
    public StreamEndpoint endpoint(UUID eventId) {
        return transport.call("GET", "events", eventId.toString(), "stream").send(StreamEndpoint.class);
    }

    /**
     * {@code POST /api/v1/events/{eventId}/stream/key}: a new stream key. The old one stops working at once and a
     * publisher using it is disconnected.
     */
    public StreamEndpoint rotateKey(UUID eventId) {
        return transport
                .call("POST", "events", eventId.toString(), "stream", "key")
                .send(StreamEndpoint.class);
    }

    /**
     * {@code POST /api/v1/events/{eventId}/stream/links}: new preview and health-page links. Those handed out before
     * stop working within seconds; the stream key stays. (Replacing the key also ends the old links.)
     */
    public StreamEndpoint renewLinks(UUID eventId) {
        return transport
                .call("POST", "events", eventId.toString(), "stream", "links")
                .send(StreamEndpoint.class);
    }

    /** {@code GET /api/v1/events/{eventId}/health}: the stream's health now. */
    public StreamHealth health(UUID eventId) {
        return transport.call("GET", "events", eventId.toString(), "health").send(StreamHealth.class);
    }

    /**
     * Follows {@code GET /api/v1/events/{eventId}/health/events} (server-sent events): {@code onUpdate} gets the
     * stream's health about once a second, on a thread of its own, until the subscription is closed. A dropped
     * connection is re-established after {@code retry}; {@code onProblem} hears why it dropped.
     */
    public HealthSubscription watchHealth(
            UUID eventId, Consumer<StreamHealth> onUpdate, Consumer<StagedoorClientException> onProblem) {
        return HealthSubscription.start(transport, eventId, onUpdate, onProblem, Duration.ofSeconds(2));
    }
}
