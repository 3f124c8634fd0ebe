package io.stagedoor.server.config;

import java.time.Duration;
import java.util.List;

/**
 * @param host the interface to listen on; {@code 0.0.0.0} for all
 * @param port the TCP port; 0 picks a free one
 * @param maxRequestBytes the largest request body accepted
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} names the client;
 *     empty: the header is ignored and the connecting address is the client
 * @param capacity how much the server takes on at once
 */
public record HttpConfig(String host, int port, long maxRequestBytes, List<String> trustedProxies, Capacity capacity) {

    public HttpConfig {
        trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * What the server takes on at once, so that a rush is answered rather than dropped.
     *
     * @param acceptQueue connections the operating system holds until the server accepts them
     * @param maxConcurrentRequests requests worked on at once, not counting long-lived ones (server-sent events,
     *     playback)
     * @param maxWaitingRequests requests beyond that which wait for their turn; more are answered 503 at once
     * @param maxWait how long a request waits for its turn before it is answered 503
     */
    public record Capacity(int acceptQueue, int maxConcurrentRequests, int maxWaitingRequests, Duration maxWait) {}

    public HttpConfig withPort(int newPort) {
        return new HttpConfig(host, newPort, maxRequestBytes, trustedProxies, capacity);
    }

    public HttpConfig withHost(String newHost) {
        return new HttpConfig(newHost, port, maxRequestBytes, trustedProxies, capacity);
    }
}
