package io.stagedoor.app.start;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses where session tokens live on this machine. */
public final class TokenStores {

    private static final Logger log = LoggerFactory.getLogger(TokenStores.class);

    private TokenStores() {}

    /**
     * The system keyring when there is one, else {@code tokens.properties} in {@code configDir}, readable by the
     * user only. Slow on some systems (the keyring is asked over D-Bus): call off the FX thread.
     */
    public static TokenStore forThisUser(Path configDir) {
        var store =
                KeyringTokenStore.open().orElseGet(() -> new FileTokenStore(configDir.resolve("tokens.properties")));
        log.info("Session tokens are kept in {}", store.describe());
        return store;
    }
}
