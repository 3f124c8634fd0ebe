package io.stagedoor.server.http;

import io.javalin.http.Context;
import io.stagedoor.server.config.HttpConfig;
import io.stagedoor.server.config.IpRange;
import io.stagedoor.server.health.SetupWarnings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The address of the client behind a request, for rate limits and throttles. Directly connected, it is the
 * connection's address. Behind reverse proxies named in {@code http.trusted-proxies}, it is read from
 * {@code X-Forwarded-For}, right to left, skipping the trusted proxies: the first address no trusted proxy vouches for
 * is the client (the entries to its left were written by the client itself and prove nothing).
 */
public final class ClientAddress {

    private static final String ATTRIBUTE = "stagedoor.clientAddress";

    /** The kind of {@link SetupWarnings} raised when a proxy seems to be in front but is not trusted. */
    static final String UNTRUSTED_PROXY = "untrusted-proxy";

    private static final IpRange IPV4_LOOPBACK = IpRange.parse("127.0.0.0/8");
    private static final IpRange IPV6_LOOPBACK = IpRange.parse("::1");

    private final List<IpRange> trusted;
    private final SetupWarnings warnings;

    /**
     * @param trustedProxies addresses or CIDR ranges
     * @throws IllegalArgumentException naming the entry that is not one
     */
    public ClientAddress(List<String> trustedProxies) {
        this(trustedProxies, new SetupWarnings());
    }

    /**
     * @param trustedProxies addresses or CIDR ranges
     * @param warnings where to say that requests come through a proxy that is not among them
     * @throws IllegalArgumentException naming the entry that is not one
     */
    public ClientAddress(List<String> trustedProxies, SetupWarnings warnings) {
        var ranges = new ArrayList<IpRange>();
        for (var entry : trustedProxies) {
            ranges.add(IpRange.parse(entry.strip()));
        }
        this.trusted = List.copyOf(ranges);
        this.warnings = warnings;
    }

    /**
     * Raises the warning before any request when the settings make a proxy likely: a server listening on loopback
     * only, whose public address is https, is reached through a reverse proxy that terminates TLS.
     */
    public static void checkSetup(HttpConfig http, Optional<URI> publicUrl, SetupWarnings warnings) {
        boolean behindTls =
                publicUrl.map(url -> "https".equalsIgnoreCase(url.getScheme())).orElse(false);
        if (http.trustedProxies().isEmpty() && behindTls && isLoopback(http.host())) {
            warnings.raise(
                    UNTRUSTED_PROXY,
                    "This server listens on " + http.host() + " only and its public.url is https, so a reverse proxy"
                            + " seems to be in front of it, but http.trusted-proxies is empty: every client would count"
                            + " as the proxy's one address for rate limits and sign-in throttling. List the proxy's"
                            + " address in http.trusted-proxies (for a proxy on this machine: 127.0.0.1).");
        }
    }

    /** Works out the request's client address and keeps it on the request. */
    void resolve(Context ctx) {
        var forwardedFor = ctx.header("X-Forwarded-For");
        var remote = ctx.req().getRemoteAddr();
        if (forwardedFor != null && trusted.isEmpty() && !warnings.isRaised(UNTRUSTED_PROXY)) {
            warnings.raise(
                    UNTRUSTED_PROXY,
                    "Requests arrive with X-Forwarded-For (the first from " + remote + "), but http.trusted-proxies"
                            + " is empty, so the header is ignored: behind a reverse proxy every client counts as the"
                            + " proxy's one address for rate limits and sign-in throttling. List the proxy's address in"
                            + " http.trusted-proxies; without a proxy, clients wrote the header themselves and nothing"
                            + " needs doing.");
        }
        ctx.attribute(ATTRIBUTE, client(remote, forwardedFor));
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        return IpRange.parseLiteral(host)
                .map(bytes -> IPV4_LOOPBACK.contains(bytes) || IPV6_LOOPBACK.contains(bytes))
                .orElse(false);
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
