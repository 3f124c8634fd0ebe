package io.stagedoor.server.http;

import java.util.regex.Pattern;

/** Request paths as they may appear in logs: any segment that could be a secret (a ticket link, a playback token) is masked. */
public final class LogSafe {

    /** A long segment that is not a plain identifier (a UUID names an event or an order, and tells nothing secret). */
    private static final Pattern SECRET_SEGMENT = Pattern.compile(
            "(?<=/)(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:/|$))[A-Za-z0-9_.-]{32,}(?=/|$)");

    private LogSafe() {}

    public static String path(String path) {
        return SECRET_SEGMENT.matcher(path).replaceAll("…");
    }
}
