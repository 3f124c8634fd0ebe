package io.stagedoor.server.accounts.limits;

import io.stagedoor.server.config.IpRange;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The unit a throttle counts a client by: an IPv4 address as it is, an IPv6 address by its /64 network, as one
 * subscriber is usually given a whole /64 and could otherwise count as billions of clients.
 */
public final class ClientNetwork {

    private static final int MAX_LENGTH = 64;

    private ClientNetwork() {}

    /** {@code 192.0.2.7} stays; {@code 2001:db8:1:2:3:4:5:6} becomes {@code 2001:db8:1:2::/64}. */
    public static String of(String clientAddress) {
        var bytes = IpRange.parseLiteral(clientAddress);
        if (bytes.isEmpty()) {
            // Not an address (a test's stand-in, a proxy's oddity): counted as written, within bounds.
            return clientAddress.length() > MAX_LENGTH ? clientAddress.substring(0, MAX_LENGTH) : clientAddress;
        }
        var address = bytes.get();
        try {
            if (address.length == 16) {
                var network = Arrays.copyOf(Arrays.copyOf(address, 8), 16);
                return InetAddress.getByAddress(network).getHostAddress().replaceFirst("(:0)+$", "::") + "/64";
            }
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }
}
