package io.stagedoor.app.shell;

/** Opens an address in the user's browser; {@code HostServices::showDocument} in the app, a recorder in tests. */
@FunctionalInterface
public interface UrlOpener {

    void open(String url);
}
