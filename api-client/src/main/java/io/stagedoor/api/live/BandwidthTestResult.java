package io.stagedoor.api.live;

/**
 * What the server received during an upload test.
 *
 * @param bytes bytes received
 * @param seconds from the first byte to the last
 * @param mbps sustained throughput, megabits (10^6 bits) per second
 */
public record BandwidthTestResult(long bytes, double seconds, double mbps) {}
