package io.stagedoor.server.tickets;

import io.stagedoor.server.secrets.Tokens;

/**
 * Short IDs people read out to support, such as {@code SD-7KQ2-9XW4}: 8 characters from an alphabet without
 * I, L, O and U, so that nothing is mistaken for a 1, 0 or V. They identify, they do not grant: watching needs the
 * ticket's secret link.
 */
public final class TicketCodes {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private TicketCodes() {}

    public static String ticketCode() {
        var chars = random(8);
        return "SD-" + chars.substring(0, 4) + "-" + chars.substring(4);
    }

    public static String orderReference() {
        return "ORD-" + random(8);
    }

    private static String random(int length) {
        var bytes = new byte[length];
        Tokens.randomBytes(bytes);
        var out = new StringBuilder(length);
        for (byte b : bytes) {
            out.append(ALPHABET[(b & 0xff) % ALPHABET.length]);
        }
        return out.toString();
    }
}
