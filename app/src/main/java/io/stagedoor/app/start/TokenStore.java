package io.stagedoor.app.start;

import java.util.Optional;

/**
 * Where the studio keeps session tokens between runs, one per server, so that the organiser signs in once. Calls
 * may block (a keyring can ask to be unlocked): call them off the FX thread.
 */
public interface TokenStore extends AutoCloseable {

    /** @param server {@code local} for the studio's own server, else the server's address */
    Optional<String> token(String server);

    void save(String server, String token);

    void forget(String server);

    /** Where the tokens are, for the log and the docs, e.g. {@code the Secret Service keyring}. */
    String describe();

    /** Lets go of what the store holds open (a keyring's D-Bus connection, whose threads keep the process alive). */
    @Override
    default void close() {}
}
