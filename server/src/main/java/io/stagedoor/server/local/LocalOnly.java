package io.stagedoor.server.local;

import io.javalin.http.Context;
import io.stagedoor.server.config.IpRange;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The test for what only someone at this machine may read (the local outbox with its ticket links, metrics without
 * a token). The request must come from a loopback address, not through a proxy (no {@code X-Forwarded-For} or
 * {@code Forwarded}), and its {@code Host} must name this machine by a loopback name: {@code localhost} or a loopback
 * address, with any port. The last stops DNS rebinding: a page on {@code evil.example} whose name the attacker makes
 * resolve to 127.0.0.1 reaches the server from a loopback address, but its requests say {@code Host: evil.example}.
 */
public final class LocalOnly {

    private static final IpRange IPV4_LOOPBACK = IpRange.parse("127.0.0.0/8");
    private static final IpRange IPV6_LOOPBACK = IpRange.parse("::1");

    private LocalOnly() {}

    public static boolean allows(Context ctx) {
        return isLoopbackAddress(ctx.req().getRemoteAddr())
                && ctx.header("X-Forwarded-For") == null
                && ctx.header("Forwarded") == null
                && isLoopbackHost(ctx.header("Host"));
    }

    /** Whether a {@code Host} header names this machine by a loopback name or address, with or without a port. */
    static boolean isLoopbackHost(@Nullable String host) {
        if (host == null) {
            return false;
        }
        var name = host.strip();
        int portColon = name.startsWith("[") ? name.indexOf(':', name.indexOf(']')) : name.indexOf(':');
        if (portColon >= 0) {
            var port = name.substring(portColon + 1);
            if (port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            name = name.substring(0, portColon);
        }
        if (name.equalsIgnoreCase("localhost")) {
            return true;
        }
        // An IPv6 literal appears in a Host header only in brackets.
        if (name.contains(":") && !name.startsWith("[")) {
            return false;
        }
        return isLoopbackAddress(name.toLowerCase(Locale.ROOT));
    }

    private static boolean isLoopbackAddress(String address) {
        return IpRange.parseLiteral(address)
                .map(bytes -> IPV4_LOOPBACK.contains(bytes) || IPV6_LOOPBACK.contains(bytes))
                .orElse(false);
    }
}
