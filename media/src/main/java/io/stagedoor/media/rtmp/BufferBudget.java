package io.stagedoor.media.rtmp;

/**
 * The bytes that all connections of the ingest may hold together in messages they have not received completely yet,
 * so that many connections each within their own limit cannot together exhaust the heap. Connections that have not
 * published may hold half of it at most, so that strangers never take what publishers need. Thread-safe.
 */
public final class BufferBudget {

    private final long maxBytes;
    private final String setting;
    private long used;
    private long usedByStrangers;

    /** A budget of {@code maxBytes}, of which {@code setting} is where the operator can change it, for messages. */
    public BufferBudget(long maxBytes, String setting) {
        if (maxBytes < 2) {
            throw new IllegalArgumentException("A buffer budget must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.setting = setting;
    }

    /** No budget across connections: for a connection over memory, or a client reading what a server sends. */
    public static BufferBudget unlimited() {
        return new BufferBudget(Long.MAX_VALUE, "no setting: unlimited");
    }

    /**
     * Takes {@code bytes} for a publisher, or for a stranger when {@code stranger}; or takes nothing and throws when
     * that would go past the budget, or past the strangers' half of it.
     */
    synchronized void take(long bytes, boolean stranger) throws BufferBudgetExceededException {
        if (bytes > maxBytes - used) {
            throw new BufferBudgetExceededException("unfinished messages of all RTMP connections would hold "
                    + (used + bytes) + " bytes, more than the " + maxBytes + " the server allows"
                    + " (" + setting + ")");
        }
        if (stranger && bytes > strangersMaxBytes() - usedByStrangers) {
            throw new BufferBudgetExceededException("unfinished messages of RTMP connections that have not published"
                    + " would hold " + (usedByStrangers + bytes) + " bytes, more than the " + strangersMaxBytes()
                    + " they may (half of " + setting + ")");
        }
        used += bytes;
        if (stranger) {
            usedByStrangers += bytes;
        }
    }

    synchronized void giveBack(long bytes, boolean stranger) {
        used -= bytes;
        if (stranger) {
            usedByStrangers -= bytes;
        }
    }

    /** A stranger holding {@code bytes} has published: they count as a publisher's now. */
    synchronized void published(long bytes) {
        usedByStrangers -= bytes;
    }

    /** Bytes taken now. */
    public synchronized long used() {
        return used;
    }

    /** Bytes taken now by connections that have not published. */
    public synchronized long usedByStrangers() {
        return usedByStrangers;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** What connections that have not published may hold together. */
    public long strangersMaxBytes() {
        return maxBytes / 2;
    }
}
