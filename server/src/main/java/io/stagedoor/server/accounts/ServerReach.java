package io.stagedoor.server.accounts;

import io.stagedoor.server.config.IpRange;
import io.stagedoor.server.config.ServerConfig;
import java.util.Locale;

/**
 * Whether people on other machines can reach a server, which decides how its first administrator is made. The rule:
 * a server is {@link #LOOPBACK_ONLY} when it listens on a loopback address ({@code 127.0.0.0/8}, {@code ::1},
 * {@code localhost}), its {@code public.url} is empty or names a loopback host too, and it trusts no reverse proxy
 * ({@code http.trusted-proxies} empty). Every other server is {@link #REACHABLE}, whether it listens on every interface,
 * on one of the machine's network addresses, or behind a proxy that forwards requests from anywhere.
 */
public enum ServerReach {
    /** Only this machine reaches it, as the studio's own server: its first account becomes the administrator. */
    LOOPBACK_ONLY,
    /** Others may reach it: its first administrator needs the setup code printed in the log. */
    REACHABLE;

    private static final IpRange LOOPBACK_V4 = IpRange.parse("127.0.0.0/8");
    private static final IpRange LOOPBACK_V6 = IpRange.parse("::1/128");

    public static ServerReach of(ServerConfig config) {
        boolean local = isLoopback(config.http().host())
                && config.publicUrl().map(url -> isLoopback(url.getHost())).orElse(true)
                && config.http().trustedProxies().isEmpty();
        return local ? LOOPBACK_ONLY : REACHABLE;
    }

    /** A host name other than {@code localhost} counts as reachable: what it resolves to may change. */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost") || host.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
            return true;
        }
        return IpRange.parseLiteral(host)
                .map(bytes -> LOOPBACK_V4.contains(bytes) || LOOPBACK_V6.contains(bytes))
                .orElse(false);
    }
}
