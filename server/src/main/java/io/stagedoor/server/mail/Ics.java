package io.stagedoor.server.mail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** A calendar entry (RFC 5545) for an event, so that buyers can add it to their calendar from the e-mail. */
public final class Ics {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Ics() {}

    /**
     * @param uid stable across resends, so that calendars update the entry instead of adding another
     */
    public static String event(
            UUID uid, String title, Instant start, Instant end, String description, URI url, Instant now) {
        var lines = new StringBuilder()
                .append("BEGIN:VCALENDAR\r\n")
                .append("VERSION:2.0\r\n")
                .append("PRODID:-//Stagedoor//Tickets//EN\r\n")
                .append("CALSCALE:GREGORIAN\r\n")
                .append("METHOD:PUBLISH\r\n")
                .append("BEGIN:VEVENT\r\n");
        appendFolded(lines, "UID:" + uid + "@stagedoor");
        appendFolded(lines, "DTSTAMP:" + UTC.format(now));
        appendFolded(lines, "DTSTART:" + UTC.format(start));
        appendFolded(lines, "DTEND:" + UTC.format(end));
        appendFolded(lines, "SUMMARY:" + escape(title));
        appendFolded(lines, "DESCRIPTION:" + escape(description));
        appendFolded(lines, "URL:" + url);
        return lines.append("END:VEVENT\r\n").append("END:VCALENDAR\r\n").toString();
    }

    /** Escapes text values: backslash, semicolon, comma and line breaks. */
    static String escape(String text) {
        return text.replace("\\", "\\\\")
                .replace(";", "\\;")
                .replace(",", "\\,")
                .replace("\r\n", "\\n")
                .replace("\n", "\\n")
                .replace("\r", "\\n");
    }

    /** Lines longer than 75 octets are folded: a line break and a space, never inside a UTF-8 character. */
    static void appendFolded(StringBuilder out, String line) {
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > 75) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }
}
