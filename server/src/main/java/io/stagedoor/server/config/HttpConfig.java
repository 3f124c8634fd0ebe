package io.stagedoor.server.config;

/**
 * @param host the interface to listen on; {@code 0.0.0.0} for all
 * @param port the TCP port; 0 picks a free one
 * @param maxRequestBytes the largest request body accepted
 */
public record HttpConfig(String host, int port, long maxRequestBytes) {

    public HttpConfig withPort(int newPort) {
        return new HttpConfig(host, newPort, maxRequestBytes);
    }

    public HttpConfig withHost(String newHost) {
        return new HttpConfig(newHost, port, maxRequestBytes);
    }
}
