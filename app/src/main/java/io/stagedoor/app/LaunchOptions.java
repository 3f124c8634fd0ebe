package io.stagedoor.app;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The studio's own command-line options; every other {@code --key=value} is a setting for the local server.
 *
 * @param serverUrl connect to this server instead of starting a local one
 * @param serverFlags settings for the local server
 * @param smokeTest check that everything works, then exit ({@code --smoke-test})
 */
record LaunchOptions(@Nullable String serverUrl, List<String> serverFlags, boolean smokeTest) {

    static final String SERVER_URL = "--server-url=";

    static LaunchOptions parse(List<String> args) {
        String serverUrl = null;
        var serverFlags = new ArrayList<String>();
        boolean smokeTest = false;
        for (var arg : args) {
            if (arg.equals(SmokeTest.FLAG)) {
                smokeTest = true;
            } else if (arg.startsWith(SERVER_URL)) {
                serverUrl = arg.substring(SERVER_URL.length());
            } else {
                serverFlags.add(arg);
            }
        }
        return new LaunchOptions(serverUrl, List.copyOf(serverFlags), smokeTest);
    }
}
