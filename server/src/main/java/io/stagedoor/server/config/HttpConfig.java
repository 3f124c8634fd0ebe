package io.stagedoor.server.config;

import java.util.List;

/**
 * @param host the interface to listen on; {@code 0.0.0.0} for all
 * @param port the TCP port; 0 picks a free one
 * @param maxRequestBytes the largest request body accepted
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} names the client;
 *     empty: the header is ignored and the connecting address is the client
 */
public record HttpConfig(String host, int port, long maxRequestBytes, List<String> trustedProxies) {

    public HttpConfig {
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** A server that trusts no proxy. */
    public HttpConfig(String host, int port, long maxRequestBytes) {
        this(host, port, maxRequestBytes, List.of());
    }

    public HttpConfig withPort(int newPort) {
        return new HttpConfig(host, newPort, maxRequestBytes, trustedProxies);
    }

    public HttpConfig withHost(String newHost) {
        return new HttpConfig(newHost, port, maxRequestBytes, trustedProxies);
    }
}
