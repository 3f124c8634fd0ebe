package io.stagedoor.server.ingest.rtmp;

import io.stagedoor.media.rtmp.BufferBudget;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may hold what, across every connection of the ingest (the RTMP and the RTMPS listener share one). A connection
 * is a stranger from accept until {@link Publisher#start} accepts its publish, and a publisher after. Publishers are
 * counted against their cap; strangers against a cap per address and one in total, and a stranger arriving at
 * either cap makes room by evicting the oldest stranger (of its address, or of all), never by being refused: no
 * stranger holds a place for long, so a flood, even from a publisher's own address, cannot lock the publisher out.
 * Unfinished messages of all connections share one {@link BufferBudget}. Thread-safe.
 */
public final class Admission {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final int maxPublishers;
    private final int maxPending;
    private final int maxPendingPerAddress;
    private final BufferBudget buffers;
    /** Strangers, oldest first. */
    private final LinkedHashSet<RtmpConnection> pending = new LinkedHashSet<>();

    private final Map<String, LinkedHashSet<RtmpConnection>> pendingByAddress = new HashMap<>();
    private final Set<RtmpConnection> publishers = new HashSet<>();
    private final LogThrottle evictionLog;
    private final LogThrottle strangerLog;
    private long evictions;

    /**
     * @param maxPublishers connections whose publish was accepted, at once
     * @param maxPending strangers at once, in total
     * @param maxPendingPerAddress strangers at once from one address (IPv4) or one /64 network (IPv6)
     * @param maxBufferedBytes bytes all connections may hold together in messages not yet complete
     */
    public Admission(int maxPublishers, int maxPending, int maxPendingPerAddress, long maxBufferedBytes) {
        if (maxPublishers < 1 || maxPending < 1 || maxPendingPerAddress < 1) {
            throw new IllegalArgumentException("Connection caps must be positive: " + maxPublishers + ", " + maxPending
                    + ", " + maxPendingPerAddress);
        }
        this.maxPublishers = maxPublishers;
        this.maxPending = maxPending;
        this.maxPendingPerAddress = maxPendingPerAddress;
        this.buffers = new BufferBudget(maxBufferedBytes, "ingest.max-buffered-mib");
        this.evictionLog = new LogThrottle(log, "evictions", LOG_INTERVAL, System::nanoTime);
        this.strangerLog = new LogThrottle(log, "connections closed before publishing", LOG_INTERVAL, System::nanoTime);
    }

    /** A connection that must make room for a newer one, and why. */
    record Eviction(RtmpConnection connection, String why) {}

    /**
     * Where limits per address apply: an IPv4 address, or the /64 network of an IPv6 address (one subscriber's
     * allocation, which holds more addresses than anyone could count through).
     */
    static String addressGroup(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        var bytes = address.getAddress();
        var group = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            group.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                    .append(':');
        }
        return group.append(":/64").toString();
    }

    /**
     * Counts {@code connection} as a stranger, newest of all; returns the strangers it displaces, already no longer
     * counted, for the caller to close.
     */
    synchronized List<Eviction> arrived(RtmpConnection connection) {
        var evicted = new ArrayList<Eviction>(2);
        var sameAddress = pendingByAddress.get(connection.addressGroup());
        if (sameAddress != null && sameAddress.size() >= maxPendingPerAddress) {
            var oldest = sameAddress.getFirst();
            forget(oldest);
            evicted.add(new Eviction(
                    oldest,
                    "the oldest of " + maxPendingPerAddress + " connections from " + oldest.addressGroup()
                            + " that had not published, evicted for a newer one (ingest.max-pending-per-address)"));
        }
        if (pending.size() >= maxPending) {
            var oldest = pending.getFirst();
            forget(oldest);
            evicted.add(new Eviction(
                    oldest,
                    "the oldest of " + maxPending + " connections that had not published, evicted for a newer one"
                            + " (ingest.max-pending-connections)"));
        }
        pending.add(connection);
        pendingByAddress
                .computeIfAbsent(connection.addressGroup(), group -> new LinkedHashSet<>())
                .add(connection);
        evictions += evicted.size();
        return evicted;
    }

    /** Whether a publish may be decided on: fewer publishers than the cap. */
    synchronized boolean publisherSeatFree() {
        return publishers.size() < maxPublishers;
    }

    /**
     * Counts {@code connection}, whose publish {@link Publisher#start} accepted, as a publisher; false, and nothing
     * changed, when the cap was reached meanwhile.
     */
    synchronized boolean seatPublisher(RtmpConnection connection) {
        if (publishers.contains(connection)) {
            return true;
        }
        if (publishers.size() >= maxPublishers) {
            return false;
        }
        forget(connection);
        publishers.add(connection);
        return true;
    }

    /** The connection ended: it holds nothing any more. */
    synchronized void left(RtmpConnection connection) {
        forget(connection);
        publishers.remove(connection);
    }

    private void forget(RtmpConnection connection) {
        if (pending.remove(connection)) {
            var sameAddress = pendingByAddress.get(connection.addressGroup());
            if (sameAddress != null) {
                sameAddress.remove(connection);
                if (sameAddress.isEmpty()) {
                    pendingByAddress.remove(connection.addressGroup());
                }
            }
        }
    }

    BufferBudget buffers() {
        return buffers;
    }

    int maxPublishers() {
        return maxPublishers;
    }

    /** Where evictions are logged, a line per interval at most. */
    LogThrottle evictionLog() {
        return evictionLog;
    }

    /** Where strangers' connections that end are logged, a line per interval at most. */
    LogThrottle strangerLog() {
        return strangerLog;
    }

    /** Strangers now. */
    public synchronized int pending() {
        return pending.size();
    }

    /** Publishers now. */
    public synchronized int publishers() {
        return publishers.size();
    }

    /** Strangers evicted so far. */
    public synchronized long evictions() {
        return evictions;
    }

    /** Bytes held now in unfinished messages, across all connections. */
    public long bufferedBytes() {
        return buffers.used();
    }
}
