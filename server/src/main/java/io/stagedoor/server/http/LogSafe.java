package io.stagedoor.server.http;

import java.util.regex.Pattern;

/** Request paths as they may appear in logs: any segment that could be a secret (a ticket link) is masked. */
public final class LogSafe {

    private static final Pattern SECRET_SEGMENT = Pattern.compile("(?<=/)[A-Za-z0-9_-]{32,}(?=/|$)");

    private LogSafe() {}

    public static String path(String path) {
        return SECRET_SEGMENT.matcher(path).replaceAll("…");
    }
}
