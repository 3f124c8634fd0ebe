package io.stagedoor.server.http;

import io.javalin.http.Context;
import io.stagedoor.server.config.IpRange;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The address of the client behind a request, for rate limits and throttles. Directly connected, it is the
 * connection's address. Behind reverse proxies named in {@code http.trusted-proxies}, it is read from
 * {@code X-Forwarded-For}, right to left, skipping the trusted proxies: the first address no trusted proxy vouches for
 * is the client (the entries to its left were written by the client itself and prove nothing).
 */
public final class ClientAddress {

    private static final String ATTRIBUTE = "stagedoor.clientAddress";

    private final List<IpRange> trusted;

    /**
     * @param trustedProxies addresses or CIDR ranges
     * @throws IllegalArgumentException naming the entry that is not one
     */
    public ClientAddress(List<String> trustedProxies) {
        var ranges = new ArrayList<IpRange>();
        for (var entry : trustedProxies) {
            ranges.add(IpRange.parse(entry.strip()));
        }
        this.trusted = List.copyOf(ranges);
    }

    /** Works out the request's client address and keeps it on the request. */
    void resolve(Context ctx) {
        ctx.attribute(ATTRIBUTE, client(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For")));
    }

    /** The client address of a request the server has seen. */
    public static String of(Context ctx) {
        String resolved = ctx.attribute(ATTRIBUTE);
        return resolved != null ? resolved : ctx.req().getRemoteAddr();
    }

    /** The client, given the connecting address and the {@code X-Forwarded-For} header. */
    String client(String remote, @Nullable String forwardedFor) {
        if (trusted.isEmpty() || forwardedFor == null || !isTrusted(remote)) {
            return remote;
        }
        var hops = forwardedFor.split(",");
        String candidate = remote;
        for (int i = hops.length - 1; i >= 0; i--) {
            var hop = hops[i].strip();
            if (hop.isEmpty()) {
                continue;
            }
            candidate = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return candidate;
    }

    private boolean isTrusted(String address) {
        var bytes = IpRange.parseLiteral(address);
        return bytes.isPresent() && trusted.stream().anyMatch(range -> range.contains(bytes.get()));
    }
}
