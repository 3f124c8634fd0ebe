package io.stagedoor.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IP network as configured ({@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code ::1}): an address and a prefix length. */
public record IpRange(byte[] network, int prefix) {

    /** Only literal addresses are parsed: a name would make the server ask DNS on a client's say-so. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /**
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static IpRange parse(String text) {
        var slash = text.indexOf('/');
        var address = parseLiteral(slash < 0 ? text : text.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException(
                        "\"" + text + "\" is not an IP address or CIDR range, such as 10.0.0.0/8 or ::1"));
        int bits = address.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" has no valid prefix length after the /");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("\"" + text + "\": the prefix length must be from 0 to " + bits);
        }
        return new IpRange(address, prefix);
    }

    /** Whether {@code address} (the bytes of an IPv4 or IPv6 address) is in this network. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    /** The bytes of a literal IPv4 or IPv6 address (brackets allowed), without asking DNS; empty for anything else. */
    public static Optional<byte[]> parseLiteral(String text) {
        var literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IP_LITERAL.matcher(literal).matches() || (!literal.contains(":") && !literal.contains("."))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
